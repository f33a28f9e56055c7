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
}

/// Options shared by the commands that load a site.
struct SiteOptions: ParsableArguments {
    @Option(name: .long, help: "The site folder, holding content/ and templates/.")
    var source: String = "."

    @Flag(name: .long, help: "Include pages marked `draft: true`.")
    var drafts = false

    @Option(name: .long, help: "The build date, YYYY-MM-DD (splits upcoming from past events). Default: today.")
    var now: String?

    @Flag(name: .long, help: "Treat warnings as errors.")
    var strict = false

    @Option(name: .long, help: "How problems are printed: text, or github (GitHub Actions annotations).")
    var format: DiagnosticFormat = .text

    @Flag(name: .long, help: "Print each stage's time and the heaviest pages.")
    var verbose = false

    func today() throws -> LocalDate {
        guard let now else { return CLI.today() }
        guard let date = LocalDate(iso: now) else {
            throw ValidationError("--now must be a date written YYYY-MM-DD, e.g. --now 2026-11-29")
        }
        return date
    }

    func fileSystem() throws -> DiskFileSystem {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: source, isDirectory: &isDir), isDir.boolValue else {
            throw ValidationError("the source folder \(source) does not exist")
        }
        return DiskFileSystem(root: source)
    }
}

enum DiagnosticFormat: String, ExpressibleByArgument, CaseIterable { case text, github }

enum CLI {
    /// Today's date in Vietnam (UTC+7). The only place the clock is read.
    static func today() -> LocalDate {
        let seconds = Int(Date().timeIntervalSince1970) + LocalDateTime.vietnamOffsetMinutes * 60
        return LocalDate(daysSinceEpoch: seconds / 86_400)
    }

    static func printErr(_ s: String) {
        FileHandle.standardError.write(Data((s + "\n").utf8))
    }

    /// Prints every diagnostic and a one-line summary; returns whether the run failed.
    static func report(_ diagnostics: Diagnostics, options: SiteOptions) -> Bool {
        for d in diagnostics.sorted {
            var d = d
            if options.strict && d.severity == .warning { d.severity = .error }
            printErr(options.format == .github ? d.githubAnnotation : d.text)
        }
        let errors = diagnostics.errorCount, warnings = diagnostics.warningCount
        if errors + warnings > 0 {
            printErr("\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")\(options.strict && warnings > 0 ? " (warnings count as errors: --strict)" : "")")
        }
        return diagnostics.failed(strict: options.strict)
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
            CLI.printErr("error: \(refusal)")
            throw ExitCode(2)
        } catch {
            CLI.printErr("error: cannot create a folder beside \(output): \(error.localizedDescription)\n  hint: check that the folder is writable and the disk is not full.")
            throw ExitCode(2)
        }
        let start = DispatchTime.now().uptimeNanoseconds
        let result = builder.run(into: staging, exactWeights: site.verbose)
        if CLI.report(diagnostics, options: site) {
            staging.abandon()
            if site.verbose { CLI.verbose(result, budget: result.site?.config.pageBudgetBytes ?? 0) }
            CLI.printErr("The build failed; \(output)/ was left as it was.")
            throw ExitCode(1)
        }
        do {
            try staging.commit()
        } catch {
            CLI.printErr("error: \(error)\n  hint: check that the folder beside \(output) is writable and the disk is not full.")
            throw ExitCode(2)
        }
        var timed = result
        timed.timings.append(("publish", Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 - result.timings.map(\.1).reduce(0, +)))
        if site.verbose { CLI.verbose(timed, budget: result.site?.config.pageBudgetBytes ?? 0) }
        let files = result.tree.paths.count
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

    func validate() throws {
        guard externalLimit > 0 else { throw ValidationError("--external-limit must be at least 1") }
        guard externalTimeout > 0 && externalTimeout <= 120 else { throw ValidationError("--external-timeout must be between 0 and 120 seconds") }
    }

    func run() throws {
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
        if CLI.report(diagnostics, options: site) { throw ExitCode(1) }
        print("No problems found.")
    }
}
