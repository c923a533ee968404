import Domain
import Store

/// `gongzhi render disclosures [ITEM] [--filter overdue=1] [--filter channel=触摸屏]
/// [--filter department=财务部] [--filter level=社会]`.
extension DisclosureScreen {
  static let renderNames = ["disclosures"]

  func prepareRender(name: String, subject: String?, options: [String: String]) throws {
    ensureLoaded()
    if let value = options["filter.overdue"] {
      overdueOnly = !["0", "no", "false", "否"].contains(value.lowercased())
    }
    if let value = options["filter.channel"] {
      guard let c = channels.first(where: { $0.name == value || String($0.id) == value }) else {
        throw CLIError(strings("error.cli.disclosureFilter", "channel", value))
      }
      channelFilter = c.id
    }
    if let value = options["filter.department"] {
      guard let d = departments.first(where: { $0.name == value || String($0.id) == value }) else {
        throw CLIError(strings("error.cli.disclosureFilter", "department", value))
      }
      departmentFilter = d.id
    }
    if let value = options["filter.level"] {
      guard
        let level = DisclosureLevel.allCases.first(where: {
          $0.rawValue == value.lowercased() || levelName($0) == value || levelName($0).hasPrefix(value)
        })
      else { throw CLIError(strings("error.cli.disclosureFilter", "level", value)) }
      levelFilter = level
    }
    reload()
    if let subject = options["select"] ?? subject {
      guard let i = entries.firstIndex(where: { $0.item.name == subject || String($0.id) == subject }) else {
        throw CLIError(strings("error.cli.select", subject))
      }
      selection.select(i)
      loadHistory()
      mode = .detail
    }
  }
}
