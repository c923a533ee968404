/// User-facing text by key, one table per language (`Table+en.swift`, `Table+zhHans.swift`).
enum StringTables {}
