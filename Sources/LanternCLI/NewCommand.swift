import ArgumentParser
import Foundation
import Lantern

extension Scaffold.Kind: ExpressibleByArgument {}

struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Create a new guide, story, event or snapshot from its archetype (templates/archetypes/).",
        discussion: "Example: lantern new guide \"Cài đặt Zalo\"  →  content/guides/cai-dat-zalo.md (a draft).")

    @Argument(help: "guide, story, event or snapshot")
    var kind: Scaffold.Kind

    @Argument(help: "The title, in Vietnamese with diacritics.")
    var title: String

    @Option(name: .long, help: "The file name (default: the title transliterated to ASCII).")
    var slug: String?

    @OptionGroup var location: SourceOptions

    func run() throws {
        let source = try location.folder()
        let fs = DiskFileSystem(root: source)
        let printer = DiagnosticPrinter()
        let file: Scaffold.File
        do {
            file = try Scaffold.make(kind, title: title, slug: slug, today: CLI.today(), fs: fs)
        } catch {
            let (message, hint) = Self.split(error)
            guard case .emptySlug = error else {
                printer.print(Diagnostic(.error, SourceLocation(path: error.path), message, hint: hint))
                throw ExitCode(1)
            }
            throw CommandProblem(message: message, hint: hint)  // a title without letters: a usage problem
        }
        let url = URL(fileURLWithPath: source).appendingPathComponent(file.path)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        } catch {
            throw CommandProblem(message: "cannot create the folder for \(file.path): \(error.localizedDescription)", hint: "check that the site folder is writable.")
        }
        // O_EXCL: never overwrite, even if the file appeared since the check.
        let fd = open(url.path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard fd >= 0 else {
            if errno != EEXIST {
                throw CommandProblem(message: "cannot create \(file.path): \(String(cString: strerror(errno)))", hint: "check that the site folder is writable.")
            }
            let (message, hint) = Self.split(.exists(file.path))
            printer.print(Diagnostic(.error, SourceLocation(path: file.path), message, hint: hint))
            throw ExitCode(1)
        }
        let bytes = Array(file.text.utf8)
        let written = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
        close(fd)
        guard written == bytes.count else {
            throw CommandProblem(message: "could not write all of \(file.path)", hint: "check that the disk is not full, then delete the partial file and try again.")
        }
        print("Created \(file.path) (a draft: remove `draft: true` to publish it).")
    }
}

extension NewCommand {
    /// The message and hint of a scaffolding problem, to print it like every other problem.
    static func split(_ problem: Scaffold.Problem) -> (message: String, hint: String) {
        let parts = problem.description.components(separatedBy: "\n  hint: ")
        let message = parts[0].hasPrefix("error: ") ? String(parts[0].dropFirst(7)) : parts[0]
        return (message, parts.count > 1 ? parts[1] : "")
    }
}

private extension Scaffold.Problem {
    /// The file the problem is about (the archetype, or the file that would be overwritten).
    var path: String {
        switch self {
        case .emptySlug: return ""
        case .exists(let file), .missingArchetype(let file): return file
        }
    }
}
