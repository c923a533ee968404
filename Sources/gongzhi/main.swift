import App
print("gongzhi")
