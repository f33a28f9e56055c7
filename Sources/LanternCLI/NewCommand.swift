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

    @Option(name: .long, help: "The site folder, holding content/ and templates/.")
    var source: String = "."

    func run() throws {
        let fs = DiskFileSystem(root: source)
        let file: Scaffold.File
        do {
            file = try Scaffold.make(kind, title: title, slug: slug, today: CLI.today(), fs: fs)
        } catch {
            CLI.printErr(error.description)
            throw ExitCode(1)
        }
        let url = URL(fileURLWithPath: source).appendingPathComponent(file.path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        // O_EXCL: never overwrite, even if the file appeared since the check.
        let fd = open(url.path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard fd >= 0 else {
            CLI.printErr(Scaffold.Problem.exists(file.path).description)
            throw ExitCode(1)
        }
        let bytes = Array(file.text.utf8)
        let written = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
        close(fd)
        guard written == bytes.count else { throw ExitCode(2) }
        print("Created \(file.path) (a draft: remove `draft: true` to publish it).")
    }
}
