import ArgumentParser
import Foundation
import Lantern

/// Where the site is; every command takes it.
struct SourceOptions: ParsableArguments {
    @Option(name: .long, help: "The site folder, holding content/ and templates/.")
    var source: String = "."

    /// The site folder, which must exist.
    func folder() throws(CommandProblem) -> String {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: source, isDirectory: &isDir), isDir.boolValue else {
            throw CommandProblem(message: "the site folder \(source) does not exist",
                                 hint: "pass --source with the folder that holds content/ and templates/, or run lantern inside it.")
        }
        return source
    }
}

/// The options of every command that loads a site: build, check and serve take the same set.
struct SiteOptions: ParsableArguments {
    @OptionGroup var location: SourceOptions

    @Flag(name: .long, help: "Include pages marked `draft: true`.")
    var drafts = false

    @Option(name: .long, help: "The build date, YYYY-MM-DD (splits upcoming from past events). Default: today.")
    var now: String?

    @Flag(name: .long, help: "Treat warnings as errors.")
    var strict = false

    @Option(name: .long, help: "How problems are printed: text, or github (GitHub Actions annotations).")
    var format: DiagnosticFormat = .text

    @Flag(name: .long, help: "Print each stage's time and the heaviest pages (serve: each rebuild's stages and each request).")
    var verbose = false

    var source: String { location.source }

    var printer: DiagnosticPrinter { DiagnosticPrinter(format: format, strict: strict) }

    func today() throws(CommandProblem) -> LocalDate {
        guard let now else { return CLI.today() }
        guard let date = LocalDate(iso: now) else {
            throw CommandProblem(message: "--now must be a date written YYYY-MM-DD, but it is `\(now)`",
                                 hint: "write it like --now 2026-11-29, or leave it out to use today's date in Vietnam.")
        }
        return date
    }

    func fileSystem() throws(CommandProblem) -> DiskFileSystem {
        DiskFileSystem(root: try location.folder())
    }
}
