public enum Benchmarks {
  public static func run(scale: Int, iterations: Int, options: LaunchOptions) throws {}
}
