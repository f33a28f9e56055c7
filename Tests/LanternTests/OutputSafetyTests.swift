import Foundation
import Testing
@testable import Lantern

/// Hostile or careless input must never write outside the output folder, publish active files,
/// or clash silently with the files the build makes itself.
@Suite struct OutputSafetyTests {
    @Test(arguments: [
        "../x/index.html", "a/../../x/index.html", "%2e%2e/x/index.html", "a/%2E%2e/b", "%252e%252e/x",
        "/etc/passwd", "a//b", "a\\..\\b", "a/\u{0}b", "a/b\nc", ".", "..", "", "x/./y",
        String(repeating: "a", count: 256) + "/index.html", "a/", "/", "%2e%2e/x", "a/%2E%2E/b", "a/%252e%252e/b",
        "x/..", "./x", "a\u{7F}b", String(repeating: "a/", count: 600) + "x",
    ])
    func unsafeOutputPathsAreRefused(_ path: String) {
        #expect(OutputPath.problem(path) != nil, "accepted \(path)")
        #expect(!OutputPath.isPlainlySafe(path), "the quick look passed \(path)")
    }

    @Test(arguments: ["index.html", "huong-dan/cai-dat-vneid/index.html", "images/cho-so.svg", "en/feed.xml", ".well-known/security.txt", "a.b/c..d"])
    func plainOutputPathsAreAccepted(_ path: String) {
        #expect(OutputPath.problem(path) == nil)
        #expect(OutputPath.isPlainlySafe(path), "plain paths take the quick look")
    }

    @Test func aliasesThatClimbOutOfTheOutputAreErrorsAndWriteNothing() {
        let (result, diagnostics) = TestSite.build([
            "content/gioi-thieu.md": "---\ntitle: \"Giới thiệu\"\naliases: [\"/a/../../x/\"]\n---\nNội dung.\n",
        ])
        #expect(diagnostics.errorCount > 0)
        #expect(!result.tree.files.keys.contains { $0.contains("..") || $0.hasPrefix("/") })
    }

    @Test func anAliasOnAGeneratedFileIsAClashNamingBoth() {
        let (_, diagnostics) = TestSite.build([
            "content/gioi-thieu.md": "---\ntitle: \"Giới thiệu\"\naliases: [\"/sitemap.xml/\"]\n---\nNội dung.\n",
        ])
        // At the alias's line, naming both sources.
        #expect(diagnostics.texts.contains { $0.hasPrefix("content/gioi-thieu.md:3:11: error: the URL /sitemap.xml/ is claimed twice: by content/gioi-thieu.md:3 and by content/site.yml (which needs /sitemap.xml)") },
                "\(diagnostics.texts)")
    }

    @Test func aContentFileNamedLikeAGeneratedFileIsAClash() {
        let (_, diagnostics) = TestSite.build([
            "content/site.yml": "title: \"Thử\"\nbase_url: \"https://example.org/\"\nprecompress: false\nallow_html: true\n",
            "content/404.html": "<p>x</p>",
        ])
        #expect(diagnostics.texts.contains { $0.contains("the URL /404.html is claimed twice: by content/404.html and by content/site.yml") }, "\(diagnostics.texts)")
    }

    @Test func precompressedTwinsAreClaimedToo() {
        let tree = OutputTree(compression: Compression.Settings(brotliQuality: 1))
        let diagnostics = Diagnostics()
        #expect(tree.claim("a.html", owner: .file("content/a.md"), diagnostics: diagnostics))
        #expect(!tree.claim("a.html.gz", owner: .file("templates/static/a.html.gz"), diagnostics: diagnostics))
        #expect(tree.paths == ["a.html"])
    }

    @Test func rawHTMLAndScriptFilesInContentAreNotPublished() {
        let (result, diagnostics) = TestSite.build([
            "content/evil.html": "<script>alert(1)</script>",
            "content/files/tool.js": "alert(1)",
        ])
        #expect(result.tree.files["evil.html"] == nil)
        #expect(diagnostics.texts.contains("content/evil.html:1:1: error: a raw HTML file is not published: it could run scripts on the site\n  hint: write the page in Markdown (.md) instead; only a site that trusts every author may set `allow_html: true` in content/site.yml."))
        #expect(diagnostics.texts.contains { $0.hasPrefix("content/files/tool.js:1:1: error: files of type `.js` are not published from content/") })
    }

    @Test(arguments: [
        ("<svg xmlns=\"http://www.w3.org/2000/svg\">\n  <rect onload=\"alert(1)\"/></svg>", 2, 9, "it has an event handler attribute (`onload`) that runs a script"),
        ("<svg>\n<script>alert(1)</script></svg>", 2, 1, "it contains a <script> element"),
        ("<svg><foreignObject><p>x</p></foreignObject></svg>", 1, 6, "it contains a <foreignObject> element (embedded HTML)"),
        ("<svg><image href=\"https://evil.example/x.png\"/></svg>", 1, 13, "it refers to another file or site (`href`); only references inside the drawing (`#id`) are allowed"),
        ("<svg><use xlink:href=\"/etc/passwd\"/></svg>", 1, 11, "it refers to another file or site (`xlink:href`); only references inside the drawing (`#id`) are allowed"),
        ("<!DOCTYPE svg [<!ENTITY x \"y\">]>\n<svg/>", 1, 16, "it declares XML entities"),
        ("<svg><rect style=\"fill:url(http://evil.example/a)\"/></svg>", 1, 24, "its style refers to another file or site (`url(…)`)"),
    ])
    func unsafeSVGsAreRefusedAtTheirPosition(_ svg: String, _ line: Int, _ column: Int, _ why: String) {
        let problem = AssetPolicy.svgProblem(Data(svg.utf8))
        #expect(problem?.line == line)
        #expect(problem?.column == column)
        #expect(problem?.message == "this SVG is not safe to publish: \(why)")
    }

    @Test func theSampleSVGsAreSafe() throws {
        let fs = DiskFileSystem(root: TestSite.repositoryRoot.path)
        for file in fs.files(under: "content/images") where file.hasSuffix(".svg") {
            #expect(AssetPolicy.svgProblem(try fs.read("content/images/\(file)")) == nil, "\(file)")
        }
        #expect(AssetPolicy.svgProblem(Data("<svg><use href=\"#a\"/><rect fill=\"url(#g)\"/></svg>".utf8)) == nil)
    }

    @Test func csvCellsThatASpreadsheetWouldRunAreNeutralised() {
        #expect(ProgressViews.csvCell("=cmd|' /C calc'!A0") == "'=cmd|' /C calc'!A0")
        #expect(ProgressViews.csvCell("+1") == "'+1")
        #expect(ProgressViews.csvCell("-1") == "'-1")
        #expect(ProgressViews.csvCell("@sum(1)") == "'@sum(1)")
        #expect(ProgressViews.csvCell("\tx") == "'\tx")
        #expect(ProgressViews.csvCell("a,b") == "\"a,b\"")
        #expect(ProgressViews.csvCell("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(ProgressViews.csvCell("hoa-lu") == "hoa-lu")
    }
}

/// Where a build may write: never over the sources, never a folder Lantern did not make.
@Suite struct OutputLocationTests {
    static func tempSite() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("lantern-out-\(UUID().uuidString)")
        for folder in ["content/guides", "templates/static"] {
            try FileManager.default.createDirectory(at: dir.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        try Data("x".utf8).write(to: dir.appendingPathComponent("content/guides/a.md"))
        return dir
    }

    static func refusal(_ output: String, in site: URL, force: Bool = false) -> String? {
        do {
            try OutputLocation.check(output: site.appendingPathComponent(output), source: site, force: force)
            return nil
        } catch let refusal as OutputLocation.Refusal {
            return refusal.message
        } catch { return "\(error)" }
    }

    @Test(arguments: [".", "..", "content", "content/guides", "content/new", "templates", "templates/static"])
    func outputsOverOrInsideTheSourcesAreRefused(_ output: String) throws {
        let site = try Self.tempSite()
        defer { try? FileManager.default.removeItem(at: site) }
        #expect(Self.refusal(output, in: site) != nil)
        #expect(Self.refusal(output, in: site, force: true) != nil, "--force must never allow building over the sources")
    }

    @Test func aFileAsOutputIsRefused() throws {
        let site = try Self.tempSite()
        defer { try? FileManager.default.removeItem(at: site) }
        try Data("keep".utf8).write(to: site.appendingPathComponent("afile"))
        #expect(Self.refusal("afile", in: site)?.contains("is a file, not a folder") == true)
    }

    @Test func aFolderLanternDidNotMakeIsKeptUnlessForced() throws {
        let site = try Self.tempSite()
        defer { try? FileManager.default.removeItem(at: site) }
        let out = site.appendingPathComponent("mine")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        try Data("keep".utf8).write(to: out.appendingPathComponent("important.txt"))
        #expect(Self.refusal("mine", in: site)?.contains("already holds files that Lantern did not make (important.txt)") == true)
        #expect(Self.refusal("mine", in: site, force: true) == nil)
        try Data().write(to: out.appendingPathComponent(OutputLocation.markerName))
        #expect(Self.refusal("mine", in: site) == nil)
        #expect(Self.refusal("public", in: site) == nil, "a missing folder is made")
        try FileManager.default.createDirectory(at: site.appendingPathComponent("empty"), withIntermediateDirectories: true)
        #expect(Self.refusal("empty", in: site) == nil)
    }

    @Test func aSymlinkToTheSourcesIsSeenThrough() throws {
        let site = try Self.tempSite()
        defer { try? FileManager.default.removeItem(at: site) }
        try FileManager.default.createSymbolicLink(atPath: site.appendingPathComponent("link").path, withDestinationPath: site.appendingPathComponent("content").path)
        #expect(Self.refusal("link", in: site) != nil)
        #expect(Self.refusal("link/new", in: site) != nil)
    }
}
