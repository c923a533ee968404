import Domain
import Foundation
import Store

/// Decisions of `gongzhi export assessments` kept in the App, where tests reach them.
public enum AssessmentCommands {
  /// The period named with `--period`, or else the newest period with results, as
  /// `export proposals` and `export satisfaction` default to the newest. The chosen
  /// period is named on stderr, so the exported data on stdout stays clean.
  public static func exportPeriod(_ text: String?, store: GongzhiStore, strings: Strings) throws -> Period {
    if let text {
      guard let period = Period(text) else { throw CLIError(strings.noPeriod(text, available: [])) }
      return period
    }
    guard let newest = try AssessmentExport.newestPeriodWithResults(store: store) else {
      throw CLIError(strings("error.cli.noAssessmentResults"))
    }
    TerminalOutput.standardError(strings("cli.export.assessments.period", newest.text) + "\n")
    return newest
  }
}
