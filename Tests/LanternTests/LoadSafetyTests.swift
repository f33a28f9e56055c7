import Foundation
import Testing
@testable import Lantern

/// Hostile or broken inputs that a fixture folder cannot hold (FIFOs, links, unreadable files,
/// huge files, editor leftovers): each must give a clear error, or be ignored, never hang or crash.
@Suite struct LoadSafetyTests {
    /// The base test site written to a fresh temporary folder (removed by the caller).
    static func siteOnDisk() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("lantern-load-\(UUID().uuidString)")
        for (path, data) in TestSite.fileSystem().contents {
            let url = dir.appendingPathComponent("site/\(path)")
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url)
        }
        return dir
    }

    /// Builds on another thread and gives up after `seconds`: a build that hangs fails the test
    /// instead of hanging the test run.
    static func buildWithin(_ seconds: Double, fs: FileSystem) -> (BuildResult, Diagnostics)? {
        let diagnostics = Diagnostics()
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var result: BuildResult?
        Thread.detachNewThread {
            result = Builder(fs: fs, options: BuildOptions(today: TestSite.today), diagnostics: diagnostics).run()
            done.signal()
        }
        guard done.wait(timeout: .now() + seconds) == .success, let result else { return nil }
        return (result, diagnostics)
    }

    @Test func aFIFOInContentIsAnErrorNamingItNotAHang() throws {
        let dir = try Self.siteOnDisk()
        defer { try? FileManager.default.removeItem(at: dir) }
        let site = dir.appendingPathComponent("site")
        #expect(mkfifo(site.appendingPathComponent("content/notes.md").path, 0o644) == 0)
        try FileManager.default.createDirectory(at: site.appendingPathComponent("content/images"), withIntermediateDirectories: true)
        #expect(mkfifo(site.appendingPathComponent("content/images/anh.svg").path, 0o644) == 0)
        let built = try #require(Self.buildWithin(60, fs: DiskFileSystem(root: site.path)), "the build hung on a FIFO")
        let texts = built.1.texts
        #expect(texts.contains("content/notes.md:1:1: error: this is a named pipe (FIFO), not a regular file; Lantern reads only regular files\n  hint: remove it from the site folder."))
        #expect(texts.contains("content/images/anh.svg:1:1: error: this is a named pipe (FIFO), not a regular file; Lantern reads only regular files\n  hint: remove it from the site folder."))
        // Reading one directly is refused too, at once.
        #expect(throws: FileProblem.notRegularFile(kind: "named pipe (FIFO)")) {
            try DiskFileSystem(root: site.path).read("content/notes.md")
        }
    }

    @Test func aFolderLinkLoopIsAnErrorNotACrash() throws {
        let dir = try Self.siteOnDisk()
        defer { try? FileManager.default.removeItem(at: dir) }
        let site = dir.appendingPathComponent("site")
        try FileManager.default.createSymbolicLink(atPath: site.appendingPathComponent("content/guides/loop").path, withDestinationPath: ".")
        try FileManager.default.createSymbolicLink(atPath: site.appendingPathComponent("content/guides/up").path, withDestinationPath: "../../content")
        let built = try #require(Self.buildWithin(60, fs: DiskFileSystem(root: site.path)), "the build hung on a link loop")
        #expect(built.1.texts.contains("content/guides/loop:1:1: error: this folder link leads back to a folder it is inside of (a loop)\n  hint: remove the link; a folder cannot contain itself."))
        #expect(built.1.texts.contains("content/guides/up:1:1: error: this folder link leads back to a folder it is inside of (a loop)\n  hint: remove the link; a folder cannot contain itself."))
    }

    @Test func settingsDataAndStringsLinkedFromOutsideTheSiteAreRefused() throws {
        let dir = try Self.siteOnDisk()
        defer { try? FileManager.default.removeItem(at: dir) }
        let site = dir.appendingPathComponent("site")
        let fm = FileManager.default
        try Data("title: \"BÍ MẬT\"\nbase_url: https://evil.example/\n".utf8).write(to: dir.appendingPathComponent("secret.yml"))
        try Data("- {id: vneid, name: \"BÍ MẬT\"}\n".utf8).write(to: dir.appendingPathComponent("topics.yml"))
        try Data("home: \"BÍ MẬT\"\n".utf8).write(to: dir.appendingPathComponent("strings.yml"))
        for (link, target) in [("content/site.yml", "secret.yml"), ("content/data/topics.yml", "topics.yml"),
                               ("templates/strings/vi.yml", "strings.yml")] {
            try fm.removeItem(at: site.appendingPathComponent(link))
            try fm.createSymbolicLink(atPath: site.appendingPathComponent(link).path, withDestinationPath: dir.appendingPathComponent(target).path)
        }
        let (result, diagnostics) = try #require(Self.buildWithin(60, fs: DiskFileSystem(root: site.path)))
        let refused = "error: this is a link to a file outside the site folder; Lantern does not follow it\n  hint: copy the file into the site folder instead of linking to it."
        for path in ["content/site.yml", "content/data/topics.yml", "templates/strings/vi.yml"] {
            #expect(diagnostics.texts.contains("\(path):1:1: \(refused)"), "\(path)")
        }
        #expect(!result.tree.files.values.contains { String(decoding: $0, as: UTF8.self).contains("BÍ MẬT") })
    }

    /// A file system whose `content/guides/` folder cannot be opened and whose image cannot be
    /// read (as root, `chmod 000` does not stop reads, so the failure is injected).
    struct Unreadable: FileSystem {
        var inner: MemoryFileSystem
        func files(under directory: String) -> [String] { listing(under: directory).files }
        func listing(under directory: String) -> FileListing {
            let files = inner.files(under: directory)
            guard directory == "content" else { return FileListing(files: files, problems: []) }
            return FileListing(files: files.filter { !$0.hasPrefix("guides/") },
                               problems: [.init(path: "guides", problem: .unreadable(reason: "Permission denied"))])
        }
        func read(_ path: String) throws -> Data {
            if path == "content/images/anh.svg" { throw FileProblem.unreadable(reason: "Permission denied") }
            return try inner.read(path)
        }
        func exists(_ path: String) -> Bool { inner.exists(path) }
    }

    @Test func anUnreadableFolderOrImageIsAnErrorNotASilentGap() throws {
        var files = TestSite.fileSystem().contents
        files["content/images/anh.svg"] = Data("<svg/>".utf8)
        let (_, diagnostics) = try #require(Self.buildWithin(60, fs: Unreadable(inner: MemoryFileSystem(data: files))))
        let hint = "\n  hint: check its permissions, e.g. `chmod -R u+rwX` on the folder, then build again."
        #expect(diagnostics.texts.contains("content/guides:1:1: error: this cannot be read (Permission denied), so its content would be missing from the site" + hint))
        #expect(diagnostics.texts.contains("content/images/anh.svg:1:1: error: this cannot be read (Permission denied), so its content would be missing from the site" + hint))
    }

    @Test func aMarkdownFileOverTheSizeLimitIsAnError() throws {
        let big = "---\ntitle: \"Dài\"\n---\n" + String(repeating: "Một dòng chữ rất dài.\n", count: 100_000)
        let (_, diagnostics) = TestSite.build(["content/dai.md": big])
        #expect(diagnostics.texts == ["content/dai.md:1:1: error: the file is 2.9 MB; Lantern reads Markdown and YAML files of at most 2 MB\n  hint: split it into smaller files; a page this long is too heavy for readers on a phone anyway."])
        // The disk refuses it from its size, before reading it.
        let dir = try Self.siteOnDisk()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data(big.utf8).write(to: dir.appendingPathComponent("site/content/dai.md"))
        #expect(throws: FileProblem.tooLarge(bytes: big.utf8.count, limit: SourceFiles.maxTextBytes)) {
            try DiskFileSystem(root: dir.appendingPathComponent("site").path).read("content/dai.md", limit: SourceFiles.maxTextBytes)
        }
    }

    @Test func editorLeftoversAreNeitherLoadedNorPublished() throws {
        let guide = TestSite.base["content/guides/cai-dat-vneid.md"]!
        let leftovers = ["content/guides/cai-dat-vneid.md~", "content/guides/.#cai-dat-vneid.md", "content/guides/#cai-dat-vneid.md#",
                         "content/guides/cai-dat-vneid.swp", "content/.DS_Store", "content/images/anh.svg~"]
        let (result, diagnostics) = TestSite.build(Dictionary(uniqueKeysWithValues: leftovers.map { ($0, guide) }))
        #expect(diagnostics.texts == [])
        #expect(!result.tree.paths.contains { $0.contains("~") || $0.contains("#") || $0.contains(".swp") || $0.contains("DS_Store") })
        // On disk too.
        let dir = try Self.siteOnDisk()
        defer { try? FileManager.default.removeItem(at: dir) }
        for path in leftovers {
            let url = dir.appendingPathComponent("site/\(path)")
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(guide.utf8).write(to: url)
        }
        let listed = DiskFileSystem(root: dir.appendingPathComponent("site").path).files(under: "content")
        #expect(listed.filter { $0.hasPrefix("guides/") } == ["guides/cai-dat-vneid.md"])
        #expect(!listed.contains { $0.contains("DS_Store") || $0.hasPrefix("images/") })
    }

    @Test func aYAMLAliasBombIsRefusedQuickly() throws {
        let anchor = String(repeating: "x", count: 1_000_000)
        let aliases = Array(repeating: "  - *big", count: 5000).joined(separator: "\n")
        let page = "---\ntitle: \"Bom\"\nsummary: &big \"\(anchor)\"\nneeds:\n\(aliases)\n---\nx\n"
        let start = Date()
        let (_, diagnostics) = TestSite.build(["content/bom.md": page])
        #expect(Date().timeIntervalSince(start) < 60, "refusing must not expand the aliases (before: 26 s and 3.9 GB)")
        #expect(diagnostics.texts == ["content/bom.md:3:10: error: YAML anchors (`&name`) are not allowed\n  hint: write the value out in full where it is needed; Lantern does not support YAML anchors (`&name`) and aliases (`*name`)."])
    }
}

/// Line breaks of any kind keep reported lines true (the front-matter fuzzer found lone CRs did not).
@Suite struct LineBreakTests {
    @Test func loneCarriageReturnsCountAsLineBreaks() {
        let (_, diagnostics) = TestSite.build(["content/trang.md": "---\ntitle: \"a\"\r\r\r\rsummary: [x\n---\nBody\n"])
        let lines = diagnostics.sorted.filter { $0.location.path == "content/trang.md" }.map(\.location.line)
        #expect(!lines.isEmpty)
        #expect(lines.allSatisfy { $0 <= 8 }, "an error points past the end of the 8-line file: \(diagnostics.texts)")
    }

    @Test func windowsLineEndingsBuildLikeUnixOnes() {
        let unix = "---\ntitle: \"Trang\"\n---\n## Mục\n\nNội dung.\n"
        let (a, da) = TestSite.build(["content/trang.md": unix])
        let (b, db) = TestSite.build(["content/trang.md": unix.replacingOccurrences(of: "\n", with: "\r\n")])
        #expect(da.texts == [] && db.texts == [])
        #expect(a.text("trang/index.html") == b.text("trang/index.html"))
    }
}
