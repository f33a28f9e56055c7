import ArgumentParser
import Foundation
import Lantern

/// `lantern` — build, check and preview the movement's site.
@available(macOS 10.15, *)
public struct LanternCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "lantern",
        abstract: "A static site generator for the \"Bình dân học vụ số\" (Digital Literacy for All) movement.",
        discussion: """
        Exit codes: 0 success; 1 the content has errors (or warnings with --strict); \
        2 usage or environment problems (bad options, missing folders, output not writable).
        """,
        subcommands: [BuildCommand.self, CheckCommand.self, NewCommand.self, ServeCommand.self],
        defaultSubcommand: BuildCommand.self
    )
    public init() {}

    /// Parses the arguments, runs the command and returns its exit code. Every usage or
    /// environment problem — an unknown option, a bad value, a missing folder — is printed through
    /// the one diagnostic printer with a hint, and gives 2 as README documents (ArgumentParser
    /// alone would exit 64).
    public static func run(arguments: [String]? = nil) async -> Int32 {
        let arguments = arguments ?? Array(CommandLine.arguments.dropFirst())
        let printer = DiagnosticPrinter(format: requestedFormat(arguments))
        do {
            var command = try parseAsRoot(arguments)
            if var command = command as? AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
            return 0
        } catch let exit as ExitCode {
            return exit.rawValue
        } catch let problem as CommandProblem {
            printer.print(problem)
            return 2
        } catch {
            if exitCode(for: error) == .success {  // --help, --version
                print(fullMessage(for: error))
                return 0
            }
            let names = configuration.subcommands.map { $0._commandName }
            let command = arguments.first(where: names.contains).map { "lantern \($0)" } ?? "lantern"
            printer.print(CommandProblem(message: message(for: error).replacingOccurrences(of: "Error: ", with: ""),
                                         hint: "run `\(command) --help` to see what it accepts."))
            return 2
        }
    }

    /// `--format` as written, read before parsing so that even a parse error is printed in it.
    static func requestedFormat(_ arguments: [String]) -> DiagnosticFormat {
        for (i, a) in arguments.enumerated() {
            if a == "--format=github" || a == "--format" && arguments.dropFirst(i + 1).first == "github" { return .github }
        }
        return .text
    }
}

enum CLI {
    /// Today's date in Vietnam (UTC+7). The only place the clock is read.
    static func today() -> LocalDate {
        let seconds = Int(Date().timeIntervalSince1970) + LocalDateTime.vietnamOffsetMinutes * 60
        return LocalDate(daysSinceEpoch: seconds / 86_400)
    }

    static func printErr(_ s: String) {
        FileHandle.standardError.write(Data((s + "\n").utf8))
    }

    static func verbose(_ result: BuildResult, budget: Int) {
        for (stage, seconds) in result.timings { printErr(String(format: "stage %-10@ %8.1f ms", stage as NSString, seconds * 1000)) }
        printErr("heaviest pages (HTML + CSS, gzip; budget \(budget / 1024) KB):")
        for w in result.weights.prefix(5) { printErr(String(format: "  %6.1f KB  /%@", Double(w.bytes) / 1024, w.path as NSString)) }
    }
}

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build", abstract: "Build the site into the output folder (default public/).")

    @OptionGroup var site: SiteOptions

    @Option(name: .long, help: "The output folder. It is replaced only when the build succeeds.")
    var output: String = "public"

    @Flag(name: .long, help: "Replace the output folder even if it holds files Lantern did not make.")
    var force = false

    func run() throws {
        let fs = try site.fileSystem()
        let diagnostics = Diagnostics()
        let builder = Builder(fs: fs, options: BuildOptions(includeDrafts: site.drafts, today: try site.today()), diagnostics: diagnostics)
        let outputURL = URL(fileURLWithPath: output, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        // Pages are written into a staging folder beside the output as they are rendered; it
        // replaces the output only if the whole build succeeds.
        let staging: StagingFolder
        do {
            staging = try Publisher(output: outputURL).stage(source: URL(fileURLWithPath: site.source), force: force)
        } catch let refusal as OutputLocation.Refusal {
            throw CommandProblem(message: refusal.message, hint: refusal.hint)
        } catch {
            throw CommandProblem(message: "cannot create a folder beside \(output): \(error.localizedDescription)",
                                 hint: "check that the folder is writable and the disk is not full.")
        }
        let start = DispatchTime.now().uptimeNanoseconds
        let result = builder.run(into: staging, exactWeights: site.verbose)
        if site.printer.report(diagnostics) {
            staging.abandon()
            if site.verbose { CLI.verbose(result, budget: result.site?.config.pageBudgetBytes ?? 0) }
            CLI.printErr("The build failed; \(output)/ was left as it was.")
            throw ExitCode(1)
        }
        do {
            try staging.commit()
        } catch {
            throw CommandProblem(message: "cannot publish into \(output): \(error)",
                                 hint: "check that the folder beside \(output) is writable and the disk is not full.")
        }
        var timed = result
        timed.timings.append(("publish", Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 - result.timings.map(\.1).reduce(0, +)))
        if site.verbose { CLI.verbose(timed, budget: result.site?.config.pageBudgetBytes ?? 0) }
        let files = result.tree.fileCount
        print("Built \(result.tree.htmlPageCount) pages into \(output)/ (\(files) files\(result.tree.compression == nil ? "" : " plus .gz and .br copies")).")
    }
}

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Load and render the site without publishing, and report every problem.")

    @OptionGroup var site: SiteOptions

    @Flag(name: .long, help: "Also ask every address on other sites whether it still answers (needs network).")
    var external = false

    @Option(name: .customLong("external-limit"), help: "Check at most this many external addresses.")
    var externalLimit = 200

    @Option(name: .customLong("external-timeout"), help: "Seconds to wait for each external address.")
    var externalTimeout = 10.0

    func run() throws {
        guard externalLimit > 0 else {
            throw CommandProblem(message: "--external-limit must be at least 1, but it is \(externalLimit)", hint: "leave it out to check at most 200 addresses.")
        }
        guard externalTimeout > 0 && externalTimeout <= 120 else {
            throw CommandProblem(message: "--external-timeout must be more than 0 and at most 120 seconds, but it is \(externalTimeout)",
                                 hint: "leave it out to wait 10 seconds for each address.")
        }
        if external, let why = ExternalLinks.unavailable() {
            throw CommandProblem(message: "--external asks other sites with libcurl, but \(why)",
                                 hint: "install it (Debian: sudo apt-get install libcurl4), or leave out --external.")
        }
        let fs = try site.fileSystem()
        let diagnostics = Diagnostics()
        let builder = Builder(fs: fs, options: BuildOptions(includeDrafts: site.drafts, today: try site.today()), diagnostics: diagnostics)
        let result = builder.run(into: DiscardSink(), keepFacts: true, exactWeights: site.verbose)
        if result.site != nil {
            let checks = SiteChecks(result: result, diagnostics: diagnostics)
            checks.run()
            if external {
                let (checked, skipped) = checks.checkExternal(ExternalLinks(limit: externalLimit, timeout: externalTimeout))
                CLI.printErr("Checked \(checked) external address\(checked == 1 ? "" : "es")\(skipped > 0 ? "; \(skipped) more not checked (raise --external-limit)" : "").")
            }
        }
        if site.verbose { CLI.verbose(result, budget: result.site?.config.pageBudgetBytes ?? 0) }
        if site.printer.report(diagnostics) { throw ExitCode(1) }
        // Warnings were listed above (and counted): saying "no problems" under them misleads.
        let warnings = diagnostics.warningCount
        print(warnings == 0 ? "No problems found." : "No errors found; \(warnings) warning\(warnings == 1 ? "" : "s") above.")
    }
}
