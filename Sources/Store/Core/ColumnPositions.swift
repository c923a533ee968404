
/// The positions of a statement's columns, found by name once for the statement, so a
/// hot loop reads each row by column name (`row[c["unit_id"]]`) without GRDB's per-row,
/// per-column name lookup. A name the statement does not select is a programming error
/// caught by the first test that runs the query.
struct ColumnPositions {
  private let positions: [String: Int]

  init(_ statement: SQLStatement) throws {
    var positions: [String: Int] = [:]
    for (index, name) in try statement.columnNames.enumerated() where positions[name] == nil {
      positions[name] = index
    }
    self.positions = positions
  }

  subscript(_ name: String) -> Int {
    guard let position = positions[name] else {
      preconditionFailure("column \(name) is not selected by the statement")
    }
    return position
  }
}
