import Foundation
import Testing
@testable import Lantern

/// The preview server defers the search index until a browser asks for it (a save must not wait
/// for it), and then serves exactly what a build publishes.
@Suite struct PreviewSearchTests {
    static func prepare() -> PreparedSite? {
        let builder = Builder(fs: TestSite.fileSystem(), options: BuildOptions(today: TestSite.today, liveReloadScript: "<script></script>"))
        return builder.load().map { builder.prepare($0) }
    }

    @Test func planningForThePreviewClaimsNoIndexFile() throws {
        let site = try #require(Self.prepare())
        #expect(!site.tree.paths.contains { $0.hasPrefix("search/vi/") || $0.hasPrefix("search/en/") })
        #expect(site.tree.paths.contains("tim-kiem/index.html"))
    }

    @Test func thePreviewServesTheSameIndexFilesAsABuild() throws {
        let (built, _) = TestSite.build()
        let indexFiles = built.tree.files.keys.filter { $0.hasPrefix("search/vi/") || $0.hasPrefix("search/en/") }
        #expect(indexFiles.count > 4)
        let site = try #require(Self.prepare())
        // The search page names the shards (their version is in the manifest), as in the build.
        let page = String(decoding: try #require(site.file("tim-kiem/index.html")), as: UTF8.self)
        let builtPage = try #require(built.text("tim-kiem/index.html"))
        let manifest = { (html: String) in html.components(separatedBy: "data-index=").dropFirst().first.map { String($0.prefix(200)) } }
        #expect(manifest(page) != nil && manifest(page) == manifest(builtPage))
        for path in indexFiles {
            #expect(site.file(path) == built.tree.files[path], "\(path)")
        }
        #expect(site.file("search/vi/t-zz.00000000.json") == nil)
    }
}
