import Foundation
@testable import Lantern
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

    /// Every file of the current plan: path → bytes.
    static func files(_ site: PreviewSite) -> [String: Data] {
        guard let prepared = site.current else { return [:] }
        var out: [String: Data] = [:]
        for path in prepared.tree.paths { out[path] = prepared.file(path) }
        return out
    }

    /// After each edit, the preview's plan (replayed from the previous one, the site reloaded in
    /// place) gives exactly the files a server started afresh on the edited folder gives.
    @Test func aReplannedSiteIsTheSiteAFreshStartGives() throws {
        let dir = try CommandTests.sampleSite()
        defer { try? FileManager.default.removeItem(at: dir) }
        let today = LocalDate(year: 2026, month: 11, day: 24)
        let site = PreviewSite(source: dir.path, drafts: false, today: today, strict: false)
        #expect(!site.rebuild().failed)
        let guides = dir.appendingPathComponent("content/guides")

        func edit(_ name: String, _ change: (String) -> String?) throws -> [String] {
            let file = guides.appendingPathComponent(name)
            if let text = change((try? String(contentsOf: file, encoding: .utf8)) ?? "") {
                try text.write(to: file, atomically: true, encoding: .utf8)
            } else {
                try FileManager.default.removeItem(at: file)
            }
            return ["content/guides/\(name)"]
        }
        func expectSameAsFresh(_ what: Comment, failed: Bool = false, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> [Diagnostic] {
            let fresh = PreviewSite(source: dir.path, drafts: false, today: today, strict: false)
            let outcome = fresh.rebuild()
            #expect(outcome.failed == failed, what, sourceLocation: sourceLocation)
            if failed { return outcome.diagnostics }
            let got = Self.files(site), want = Self.files(fresh)
            #expect(!want.isEmpty && got.keys.sorted() == want.keys.sorted(), what, sourceLocation: sourceLocation)
            let differing = want.keys.filter { got[$0] != want[$0] }.sorted()
            #expect(differing.isEmpty, "\(what): \(differing.prefix(5))", sourceLocation: sourceLocation)
            return outcome.diagnostics
        }

        // A title: every URL stays, the lists and neighbours show the new title.
        var changed = try edit("cai-dat-vneid.md") { $0.replacingOccurrences(of: "title: \"", with: "title: \"ĐÃ SỬA ") }
        #expect(!site.rebuild(changed: changed).failed)
        #expect(site.current?.tree.replayed ?? 0 > 100, "the previous plan's claims were replayed")
        _ = expectSameAsFresh("title edit")
        #expect(Self.text(site, "/huong-dan/").contains("ĐÃ SỬA"))

        // A topic: the page moves between lists (the tables are made again).
        changed = try edit("nhan-biet-lua-dao.md") { $0.replacingOccurrences(of: "topics: [an-toan-so]", with: "topics: [vneid, an-toan-so]") }
        #expect(!site.rebuild(changed: changed).failed)
        _ = expectSameAsFresh("topic edit")

        // A slug: the URL changes, so the replay stops there and the rest is claimed for real.
        changed = try edit("cai-dat-vneid.md") { $0.replacingOccurrences(of: "featured: true", with: "featured: true\nslug: cai-vneid") }
        #expect(!site.rebuild(changed: changed).failed)
        _ = expectSameAsFresh("slug edit")
        #expect(Self.text(site, "/huong-dan/cai-vneid/").contains("ĐÃ SỬA"))
        if case .file = site.respond(to: "/huong-dan/cai-dat-vneid/") { Issue.record("the old URL is still served") }

        // A new page, then the page deleted.
        changed = try edit("trang-moi.md") { _ in "---\ntitle: \"Trang mới\"\nsummary: \"Tóm tắt.\"\ntopics: [vneid]\naudience: [everyone]\nlevel: basic\nduration: 10\nupdated: 2026-11-20\n---\n\nNội dung.\n" }
        #expect(!site.rebuild(changed: changed).failed)
        _ = expectSameAsFresh("new page")
        changed = try edit("trang-moi.md") { _ in nil }
        #expect(!site.rebuild(changed: changed).failed)
        _ = expectSameAsFresh("deleted page")

        // A slug that takes another guide's URL: the clash is reported naming both files, as a
        // fresh start reports it; fixing it gives the fresh site again.
        changed = try edit("nhan-biet-lua-dao.md") { $0.replacingOccurrences(of: "updated:", with: "slug: cai-vneid\nupdated:") }
        let clash = site.rebuild(changed: changed)
        #expect(clash.failed)
        let freshErrors = expectSameAsFresh("clash", failed: true).filter { $0.severity == .error }.map(\.message)
        #expect(clash.diagnostics.filter { $0.severity == .error }.map(\.message) == freshErrors)
        #expect(freshErrors.contains { $0.contains("cai-dat-vneid.md") && $0.contains("nhan-biet-lua-dao.md") })
        changed = try edit("nhan-biet-lua-dao.md") { $0.replacingOccurrences(of: "slug: cai-vneid\n", with: "") }
        #expect(!site.rebuild(changed: changed).failed)
        _ = expectSameAsFresh("clash fixed")
    }
}
