@preconcurrency import CNcursesw
