import Foundation
import Testing

/// `lantern build --output …` never replaces the sources or a folder Lantern did not make: it
/// exits 2 and every file of the site folder is left byte-identical.
@Suite(.serialized) struct OutputCommandTests {
    @Test(arguments: [".", "content", "content/guides", "templates", "templates/static", "..", "afile", "mine"])
    func refusedOutputsChangeNothing(_ output: String) throws {
        let outer = FileManager.default.temporaryDirectory.appendingPathComponent("lantern-out-\(UUID().uuidString)")
        let site = outer.appendingPathComponent("site")
        try FileManager.default.createDirectory(at: outer, withIntermediateDirectories: true)
        try FileManager.default.moveItem(at: try CommandTests.sampleSite(), to: site)
        defer { try? FileManager.default.removeItem(at: outer) }
        try Data("keep me".utf8).write(to: site.appendingPathComponent("afile"))
        try FileManager.default.createDirectory(at: site.appendingPathComponent("mine"), withIntermediateDirectories: true)
        try Data("important".utf8).write(to: site.appendingPathComponent("mine/important.txt"))
        let before = CommandTests.digest(CommandTests.tree(outer))

        let run = try CommandTests.lantern(["build", "--output", output, "--now", "2026-11-24"], in: site)
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stderr.contains("error: the output"), "\(run.stderr)")
        #expect(run.stderr.contains("hint: "))
        #expect(CommandTests.digest(CommandTests.tree(outer)) == before, "nothing outside (or inside) the refused output changed")
    }

    @Test func aForeignFolderIsReplacedOnlyWithForceAndThenRebuiltFreely() throws {
        let site = try CommandTests.sampleSite()
        defer { try? FileManager.default.removeItem(at: site) }
        try FileManager.default.createDirectory(at: site.appendingPathComponent("out"), withIntermediateDirectories: true)
        try Data("x".utf8).write(to: site.appendingPathComponent("out/old.txt"))
        #expect(try CommandTests.lantern(["build", "--output", "out", "--now", "2026-11-24"], in: site).status == 2)
        #expect(try CommandTests.lantern(["build", "--output", "out", "--now", "2026-11-24", "--force"], in: site).status == 0)
        #expect(FileManager.default.fileExists(atPath: site.appendingPathComponent("out/.lantern-output").path))
        #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent("out/old.txt").path))
        #expect(try CommandTests.lantern(["build", "--output", "out", "--now", "2026-11-24"], in: site).status == 0, "Lantern's own output is replaced without --force")
    }
}
