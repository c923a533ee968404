import Domain
import Testing

/// The scan that keeps table headers TOMLKit 0.6.0 would abort on away from it.
@Suite struct TOMLPreflightTests {
  @Test(arguments: [
    ("[!x]\n", 1, 2), ("a = 1\n[[ #]]\n", 2, 4), ("# c\n  [汉]\n", 2, 4),
    ("x = \"\"\"\n[\n\"\"\"\n[%]\n", 4, 2),
  ])
  func badHeadersAreLocated(text: String, line: Int, column: Int) {
    let found = TOMLPreflight.badTableHeader(text)
    #expect(found?.line == line && found?.column == column, "\(String(describing: found)) for \(text)")
  }

  @Test(arguments: [
    "[table]\nkey = 1\n", "[[array]]\n", "[\"quoted\"]\n", "a = [1, [2]]\n", "b = \"[!x]\"\n", "# [!x]\n",
    "c = { d = [\"[\"] }\n", "[ spaced ]\n",
  ])
  func goodTextPasses(text: String) {
    #expect(TOMLPreflight.badTableHeader(text) == nil, "\(text)")
  }
}
