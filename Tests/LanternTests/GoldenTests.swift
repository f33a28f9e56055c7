import Foundation
import Testing
@testable import Lantern

/// Golden files for rendered output. Re-record with `LANTERN_RECORD=1 swift test` and review the diff.
@Suite struct GoldenTests {
    static let folder = TestSite.repositoryRoot.appendingPathComponent("Tests/LanternTests/Golden")

    func assertGolden(_ name: String, _ actual: String?, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        // The stylesheet's content hash, and the stylesheet inlined in every page, change with every
        // theme edit; the inlining has its own test.
        let actual = try #require(actual, sourceLocation: sourceLocation)
            .replacingOccurrences(of: #"style\.[0-9a-f]{8}\.css"#, with: "style.HASH.css", options: .regularExpression)
            .replacingOccurrences(of: #"<style>[^<]*</style>"#, with: "<style>…</style>", options: .regularExpression)
            // A share card's name hashes the font file and the libvips version too.
            .replacingOccurrences(of: #"anh/the/[0-9a-f]{16}\.jpg"#, with: "anh/the/HASH.jpg", options: .regularExpression)
        let url = Self.folder.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["LANTERN_RECORD"] != nil {
            try FileManager.default.createDirectory(at: Self.folder, withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: url)
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(actual == expected, "\(name) differs from its golden file; re-record with LANTERN_RECORD=1 if the change is intended",
                sourceLocation: sourceLocation)
    }

    @Test func guidePage() throws {
        try assertGolden("guide.html", TestSite.build().0.text("huong-dan/cai-dat-vneid/index.html"))
    }

    @Test func eventCalendar() throws {
        try assertGolden("event.ics", TestSite.build().0.text("su-kien/tap-huan/calendar.ics"))
    }

    @Test func progressDashboard() throws {
        try assertGolden("progress.html", TestSite.build().0.text("tien-do/index.html"))
    }

    @Test func trendChart() throws {
        try assertGolden("trend.svg", SVGChart.trend(id: "t-adults", title: "Người trưởng thành", description: "30/06/2026: 61%; 30/09/2026: 70,2%.",
                                                     points: [52, 61, 70.2], target: 80))
    }
}
