import App
import Foundation
import TOMLKit

/// `gongzhi kiosk --config FILE`: the kiosk's options from a TOML file (the boot
/// service reads `/etc/gongzhi/kiosk.toml`). Options given on the command line win.
struct KioskConfig {
  var database: String?
  var pages: String?
  var interval: Double?
  var title: String?
  var exitPIN: String?
  var theme: String?
  var lang: String?

  static let keys = ["database", "pages", "interval", "title", "exit_pin", "theme", "lang"]

  static func load(_ path: String, strings: Strings) throws -> KioskConfig {
    func fail(_ detail: String) -> CLIError { CLIError(strings("error.kiosk.config", path, detail)) }
    guard let data = FileManager.default.contents(atPath: path),
      let text = String(data: data, encoding: .utf8)
    else { throw fail(String(cString: strerror(access(path, R_OK) == 0 ? EILSEQ : errno))) }
    let table: TOMLTable
    do { table = try TOMLTable(string: text) } catch { throw fail("\(error)") }
    var config = KioskConfig()
    for key in table.keys {
      let value = table[key]!
      func string() throws -> String {
        guard let s = value.string else { throw fail("\(key) = \(value.debugDescription)") }
        return s
      }
      switch key {
      case "database": config.database = try string()
      case "title": config.title = try string()
      case "exit_pin": config.exitPIN = try value.int.map(String.init) ?? string()
      case "theme": config.theme = try string()
      case "lang": config.lang = try string()
      case "pages":
        if let list = value.array {
          config.pages = try list.map { item -> String in
            guard let s = item.string else { throw fail("pages = \(value.debugDescription)") }
            return s
          }.joined(separator: ",")
        } else {
          config.pages = try string()
        }
      case "interval":
        guard let seconds = value.double ?? value.int.map(Double.init) else {
          throw fail("interval = \(value.debugDescription)")
        }
        config.interval = seconds
      default:
        throw fail(strings("error.kiosk.configKey", key, keys.joined(separator: ", ")))
      }
    }
    return config
  }
}
