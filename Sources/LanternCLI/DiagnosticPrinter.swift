import ArgumentParser
import Foundation
import Lantern

enum DiagnosticFormat: String, ExpressibleByArgument, CaseIterable { case text, github }

/// A problem with how a command was started or with its surroundings (an option, a missing
/// folder, an output that cannot be written), not with a line of the site. Commands throw it;
/// the entry point prints it and exits with 2.
struct CommandProblem: Error, Equatable {
    var message: String
    var hint: String
}

/// Prints every problem any command reports — content diagnostics and command problems alike —
/// as text (`path:line:column: error: …` and a `hint:` line) or as GitHub Actions annotations.
struct DiagnosticPrinter: Sendable {
    var format: DiagnosticFormat = .text
    /// `--strict`: warnings are printed, counted and shown as errors.
    var strict = false

    /// Prints one diagnostic (a warning as an error under `--strict`).
    func print(_ diagnostic: Diagnostic) {
        var d = diagnostic
        if strict && d.severity == .warning { d.severity = .error }
        write(format == .github ? d.githubAnnotation : d.text)
    }

    /// Prints a problem that belongs to no file: the same shape, without the position.
    func print(_ problem: CommandProblem) {
        switch format {
        case .text:
            write("error: \(problem.message)\n  hint: \(problem.hint)")
        case .github:
            let body = "\(problem.message) — \(problem.hint)"
            write("::error title=lantern::" + body.replacingOccurrences(of: "%", with: "%25")
                .replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(of: "\n", with: "%0A"))
        }
    }

    /// Prints every diagnostic and a one-line count; returns whether the run failed.
    func report(_ diagnostics: Diagnostics) -> Bool {
        report(diagnostics.sorted, errors: diagnostics.errorCount, warnings: diagnostics.warningCount)
        return diagnostics.failed(strict: strict)
    }

    func report(_ list: [Diagnostic], errors: Int, warnings: Int) {
        for d in list { print(d) }
        if errors + warnings > 0 {
            write("\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")\(strict && warnings > 0 ? " (warnings count as errors: --strict)" : "")")
        }
    }

    /// A line of progress or summary on standard error.
    func note(_ line: String) { write(line) }

    private func write(_ s: String) {
        FileHandle.standardError.write(Data((s + "\n").utf8))
    }
}
