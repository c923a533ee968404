import Domain
import Foundation
import Store
import TUI

/// Filtering, recording publications, adding and editing items.
extension DisclosureScreen {
  private var refusal: String? {
    context.actor.role.can(.manageDisclosures) ? nil : strings("disclosure.refused", context.roleName)
  }

  static let scheduleKinds = ["perEvent", "monthly", "quarterly", "yearly"]

  private var activeChannels: [DisclosureChannel] { channels.filter(\.active) }

  // MARK: Filter

  /// `f`: reads the departments that own items, then opens the filter form.
  func startFilter(effects: inout [Effect]) {
    effects.append(ownersEffect(forForm: true))
  }

  /// The departments that own items, read as an effect (`Msg.ownersRead`).
  func ownersEffect(forForm: Bool) -> Effect {
    .run { [self] in
      do {
        return .own(Msg.ownersRead(try owningDepartments(), forForm: forForm))
      } catch {
        return .own(Msg.actionFailed(error))
      }
    }
  }

  func openFilterForm(owners depts: [Department]) -> Effect {
    let s = strings
    let any = s("disclosure.filter.any")
    let chans = activeChannels
    let fields: [FormField] = [
      FormField.choice(
        "level", s("disclosure.field.level"),
        [any] + DisclosureLevel.allCases.map { s("disclosure.level.\($0.rawValue)") },
        levelFilter.flatMap { DisclosureLevel.allCases.firstIndex(of: $0) }.map { $0 + 1 } ?? 0),
      FormField.choice(
        "channel", s("disclosure.field.channel"), [any] + chans.map(\.name),
        channelFilter.flatMap { id in chans.firstIndex { $0.id == id } }.map { $0 + 1 } ?? 0),
      FormField.choice(
        "department", s("disclosure.field.department"), [any] + depts.map(\.name),
        departmentFilter.flatMap { id in depts.firstIndex { $0.id == id } }.map { $0 + 1 } ?? 0),
      FormField.choice(
        "overdue", s("disclosure.field.overdueOnly"), [s("disclosure.no"), s("disclosure.yes")],
        overdueOnly ? 1 : 0),
    ]
    filterChoices = (chans.map(\.id), depts.map(\.id))
    return .present(
      .form(
        Form(
          title: s("disclosure.filter.title"), fields: fields, footer: s("disclosure.filter.footer"),
          maxWidth: Self.formWidth),
        submit: { .own(Msg.filterSubmitted($0)) }))
  }

  func applyFilter(_ form: Form) -> [Effect] {
    let level = form.index("level")
    levelFilter = level == 0 ? nil : DisclosureLevel.allCases[level - 1]
    let c = form.index("channel")
    channelFilter = c == 0 ? nil : filterChoices.channels[c - 1]
    let d = form.index("department")
    departmentFilter = d == 0 ? nil : filterChoices.departments[d - 1]
    overdueOnly = form.index("overdue") == 1
    return [.dismiss, reloadEffect()]
  }

  // MARK: Publications

  func startPublish(effects: inout [Effect]) {
    if let refusal { return effects.post(refusal, role: .danger) }
    guard let entry = selected else { return }
    let s = strings
    let chans = activeChannels
    let usual = Set(entry.item.channelIDs)
    let fields: [FormField] = [
      FormField.area(
        "text", s("disclosure.field.text"), "", rows: 5, maxLength: DisclosureRules.textMaxLength),
      FormField.text(
        "date", s("disclosure.field.date"), context.today.iso, maxLength: 10, placeholder: "YYYY-MM-DD"),
      FormField.multi(
        "channels", s("disclosure.field.channels"), chans.map(\.name),
        chosen: Set(chans.indices.filter { usual.contains(chans[$0].id) })),
    ]
    publishChannels = chans.map(\.id)
    let item = entry.item
    effects.append(
      .present(
        .form(
          Form(
            title: s("disclosure.publish.title", entry.item.name), fields: fields,
            footer: s("disclosure.form.footer"), maxWidth: Self.formWidth),
          submit: { .own(Msg.publicationSubmitted($0, item: item)) })))
  }

  /// Validates, then records as an effect whose answer closes the form
  /// (`Msg.saved`) or shows the store's refusal in it (`Msg.saveRefused`); a form
  /// with problems stays open with them shown.
  func savePublication(_ form: Form, item: DisclosureItem) -> [Effect] {
    var issues: [String: String] = [:]
    let dateText = form.value("date").trimmingCharacters(in: .whitespaces)
    let day = Day(iso: dateText)
    if day == nil { issues["date"] = strings("error.form.date", dateText) }
    let publication = DisclosurePublication(
      itemID: item.id, publishedOn: day ?? context.today, text: form.value("text"),
      channelIDs: form.chosen("channels").compactMap {
        publishChannels.indices.contains($0) ? publishChannels[$0] : nil
      })
    for issue in DisclosureRules.validate(publication, item: item, today: context.today)
    where issues[issue.field] == nil {
      issues[issue.field] = strings.message(issue.message)
    }
    guard issues.isEmpty else { return [.editForm { $0.setIssues(issues) }] }
    let (actor, today) = (context.actor, context.today)
    return [
      .run { [self] in
        do {
          let saved = try repo.recordPublication(
            publication, itemVersion: item.version, by: actor, today: today)
          return .own(
            Msg.saved(
              message: strings("disclosure.published", item.name, saved.publication.publishedOn.iso),
              itemID: saved.item.id))
        } catch {
          return .own(Msg.saveRefused(error))
        }
      }
    ]
  }

  // MARK: Items

  func startNew(effects: inout [Effect]) {
    if let refusal { return effects.post(refusal, role: .danger) }
    guard channels.isEmpty else { return effects.append(openNewItemForm()) }
    // A new register: the ten standard channels, so the form has something to tick.
    let actor = context.actor
    effects.append(
      .run { [self] in
        do {
          try repo.installStandardChannels(by: actor)
          return .own(Msg.channelsInstalled(try readRegister(keeping: nil)))
        } catch {
          return .own(Msg.actionFailed(error))
        }
      })
  }

  func openNewItemForm() -> Effect {
    let blank = DisclosureItem(
      level: levelFilter ?? selected?.item.level ?? .society, name: "", departmentID: departmentFilter,
      schedule: .perEvent(workingDays: 20), startsOn: context.today)
    return .present(
      .form(
        itemForm(blank, title: strings("disclosure.item.new")),
        submit: { .own(Msg.itemSubmitted($0, editing: nil)) }))
  }

  func startEdit(effects: inout [Effect]) {
    if let refusal { return effects.post(refusal, role: .danger) }
    guard let entry = selected else { return }
    let item = entry.item
    effects.append(
      .present(
        .form(
          itemForm(item, title: strings("disclosure.item.edit", item.name)),
          submit: { .own(Msg.itemSubmitted($0, editing: item)) })))
  }

  private func itemForm(_ item: DisclosureItem, title: String) -> Form {
    let s = strings
    let chans = channels.filter { $0.active || item.channelIDs.contains($0.id) }
    let depts = departments.filter { $0.active || $0.id == item.departmentID }
    itemChoices = (chans.map(\.id), depts.map(\.id))
    let fields: [FormField] = [
      FormField.choice(
        "level", s("disclosure.field.level"),
        DisclosureLevel.allCases.map { s("disclosure.level.\($0.rawValue)") },
        DisclosureLevel.allCases.firstIndex(of: item.level) ?? 0),
      FormField.text(
        "name", s("disclosure.field.name"), item.name, maxLength: DisclosureRules.nameMaxLength),
      FormField.area(
        "content", s("disclosure.field.content"), item.content, rows: 2,
        maxLength: DisclosureRules.contentMaxLength),
      FormField.multi(
        "channels", s("disclosure.field.channels"), chans.map(\.name),
        chosen: Set(chans.indices.filter { item.channelIDs.contains(chans[$0].id) })),
      FormField.choice(
        "department", s("disclosure.field.department"), depts.map(\.name),
        depts.firstIndex { $0.id == item.departmentID } ?? 0),
      FormField.choice(
        "scheduleKind", s("disclosure.field.schedule"),
        Self.scheduleKinds.map { s("disclosure.scheduleKind.\($0)") },
        Self.scheduleKinds.firstIndex(of: item.schedule.kind) ?? 0),
      FormField.text(
        "schedule", s("disclosure.field.workingDays"), String(item.schedule.workingDays ?? 20), maxLength: 2),
      FormField.text(
        "eventOn", s("disclosure.field.eventOn"), item.eventOn?.iso ?? "", maxLength: 10,
        placeholder: "YYYY-MM-DD"),
      FormField.choice(
        "onKiosk", s("disclosure.field.onKiosk"), [s("disclosure.no"), s("disclosure.yes")],
        item.onKiosk ? 1 : 0),
    ]
    return Form(title: title, fields: fields, footer: s("disclosure.form.footer"), maxWidth: Self.formWidth)
  }

  /// Validates, then saves as an effect (see `savePublication`); an edit that changed
  /// nothing just closes the form.
  func saveItem(_ form: Form, editing: DisclosureItem?) -> [Effect] {
    var issues: [String: String] = [:]
    var item =
      editing
      ?? DisclosureItem(level: .society, name: "", schedule: .yearly, startsOn: context.today)
    item.level = DisclosureLevel.allCases[form.index("level")]
    item.name = form.value("name")
    item.content = form.value("content")
    item.channelIDs = form.chosen("channels").compactMap {
      itemChoices.channels.indices.contains($0) ? itemChoices.channels[$0] : nil
    }
    let d = form.index("department")
    item.departmentID = itemChoices.departments.indices.contains(d) ? itemChoices.departments[d] : nil
    switch Self.scheduleKinds[form.index("scheduleKind")] {
    case "monthly": item.schedule = .monthly
    case "quarterly": item.schedule = .quarterly
    case "yearly": item.schedule = .yearly
    default:
      let text = form.value("schedule").trimmingCharacters(in: .whitespaces)
      item.schedule = .perEvent(workingDays: Int(text) ?? 0)
    }
    let eventText = form.value("eventOn").trimmingCharacters(in: .whitespaces)
    if eventText.isEmpty {
      item.eventOn = nil
    } else if let day = Day(iso: eventText) {
      item.eventOn = day
    } else {
      issues["eventOn"] = strings("error.form.date", eventText)
    }
    item.onKiosk = form.index("onKiosk") == 1
    for issue in DisclosureRules.validate(item) where issues[issue.field] == nil {
      issues[issue.field] = strings.message(issue.message)
    }
    guard issues.isEmpty else { return [.editForm { $0.setIssues(issues) }] }
    if editing != nil, !form.isDirty { return [.dismiss] }
    let actor = context.actor
    return [
      .run { [self] in
        do {
          if editing != nil {
            let saved = try repo.updateItem(item, by: actor, reason: nil)
            return .own(Msg.saved(message: strings("disclosure.saved", saved.name), itemID: saved.id))
          }
          let saved = try repo.addItem(item, by: actor)
          return .own(Msg.saved(message: strings("disclosure.added", saved.name), itemID: saved.id))
        } catch {
          return .own(Msg.saveRefused(error))
        }
      }
    ]
  }

  /// Explains a refused save in the open form; a concurrent edit reloads so the other
  /// change shows.
  func refused(_ error: any Error) -> [Effect] {
    switch error as? StoreError {
    case .invalid(let issues)?:
      let messages = issues.map { (field: $0.field, text: strings.message($0.message)) }
      return [
        .editForm { form in
          var map: [String: String] = [:]
          for issue in messages { map[issue.field] = issue.text }
          form.setIssues(map)
          if map.keys.allSatisfy({ id in !form.fields.contains { $0.id == id } }) {
            form.generalError = messages.map(\.text).joined(separator: "; ")
          }
        }
      ]
    case .staleVersion?:
      return [.dismiss, reloadEffect(), .post(strings("disclosure.stale"), .danger)]
    default:
      let reason = strings.describe(error)
      return [.editForm { $0.generalError = reason }]
    }
  }
}
