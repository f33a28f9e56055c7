import Foundation
import Testing
@testable import Lantern

/// One fixture folder per invalid-input case (like Zola's `test_sites_invalid/`): its files are laid
/// over the valid base site, `remove.txt` lists base files to delete, and `expected.txt` holds the
/// exact diagnostics `lantern check` prints. Re-record with `LANTERN_RECORD=1 swift test`.
@Suite struct InvalidInputTests {
    static let folder = TestSite.repositoryRoot.appendingPathComponent("Tests/LanternTests/Fixtures/invalid")

    static var cases: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
    }

    @Test(arguments: cases) func reportsTheExactDiagnostic(_ name: String) throws {
        let dir = Self.folder.appendingPathComponent(name)
        let fs = DiskFileSystem(root: dir.path)
        var overrides: [String: String?] = [:]
        var data: [String: Data] = [:]
        for file in fs.files(under: ".") where file != "expected.txt" && file != "remove.txt" {
            data[file] = try fs.read(file)
        }
        if let remove = try? String(contentsOf: dir.appendingPathComponent("remove.txt"), encoding: .utf8) {
            for line in remove.split(separator: "\n") { overrides[String(line)] = .some(nil) }
        }
        var files = TestSite.fileSystem([:], extraData: data).contents
        for (k, v) in overrides where v == nil { files[k] = nil }
        let diagnostics = Diagnostics()
        let result = Builder(fs: MemoryFileSystem(data: files), options: BuildOptions(today: TestSite.today),
                             diagnostics: diagnostics).run(keepFacts: true)
        if result.site != nil { SiteChecks(result: result, diagnostics: diagnostics).run() }
        let actual = diagnostics.texts.joined(separator: "\n") + "\n"
        let expectedURL = dir.appendingPathComponent("expected.txt")
        if ProcessInfo.processInfo.environment["LANTERN_RECORD"] != nil {
            try actual.write(to: expectedURL, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: expectedURL, encoding: .utf8)
        #expect(actual == expected)
        #expect(diagnostics.failed(strict: true), "an invalid fixture must produce at least one diagnostic")
    }
}
