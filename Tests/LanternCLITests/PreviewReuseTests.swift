import Foundation
import Lantern
@testable import LanternCLI
import Testing

/// A save that changes only a page's text (the usual save while writing) keeps the plan: the page,
/// its handout and search show the new text at once; a save that changes front matter re-plans.
@Suite(.serialized) struct PreviewReuseTests {
    static func text(_ site: PreviewSite, _ path: String) -> String {
        guard case .file(let data, _) = site.respond(to: path) else { return "" }
        return String(decoding: data, as: UTF8.self)
    }

    @Test func aBodyEditKeepsThePlanAndShowsTheNewText() throws {
        let dir = try CommandTests.sampleSite()
        defer { try? FileManager.default.removeItem(at: dir) }
        let site = PreviewSite(source: dir.path, drafts: false, today: LocalDate(year: 2026, month: 11, day: 24), strict: false)
        #expect(!site.rebuild().failed)
        let before = Self.text(site, "/huong-dan/cai-dat-vneid/")
        #expect(!before.isEmpty && !before.contains("Đoạn văn mới"))
        let searchPage = Self.text(site, "/tim-kiem/")

        let file = dir.appendingPathComponent("content/guides/cai-dat-vneid.md")
        let original = try String(contentsOf: file, encoding: .utf8)
        // The front matter as it was, a new text after it.
        let front = original.components(separatedBy: "\n---\n")[0] + "\n---\n"
        try (front + "## Bước 1\n\nĐoạn văn mới về zyxwvu.\n").write(to: file, atomically: true, encoding: .utf8)
        let outcome = site.rebuild(changed: ["content/guides/cai-dat-vneid.md"])
        #expect(!outcome.failed)
        #expect(outcome.stages.map(\.0) == ["bodies"], "the plan is kept")
        #expect(Self.text(site, "/huong-dan/cai-dat-vneid/").contains("Đoạn văn mới về zyxwvu."))
        // The search index is made again from the new text: its version, named on the page, changes.
        let newSearchPage = Self.text(site, "/tim-kiem/")
        #expect(newSearchPage != searchPage)

        // A title change is not a body edit: the page is planned again, and lists show the title.
        try original.replacingOccurrences(of: "title: \"", with: "title: \"ĐÃ SỬA ").write(to: file, atomically: true, encoding: .utf8)
        let replanned = site.rebuild(changed: ["content/guides/cai-dat-vneid.md"])
        #expect(replanned.stages.map(\.0) == ["reload", "plan"])
        #expect(Self.text(site, "/huong-dan/").contains("ĐÃ SỬA"))
    }
}
