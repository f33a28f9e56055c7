import Foundation
import Testing
@testable import Lantern

@Suite struct OutputFormatTests {
    @Test func vietnameseAndEnglishFormats() {
        let d = LocalDate(year: 2025, month: 11, day: 29)
        #expect(Format.longDate(d, .vi) == "Thứ Bảy, 29/11/2025")
        #expect(Format.longDate(d, .en) == "Saturday, 29 November 2025")
        #expect(Format.number(12840, .vi) == "12.840")
        #expect(Format.number(12840, .en) == "12,840")
        #expect(Format.percent(70.25, .vi) == "70,2%")
        #expect(Format.percent(3380.0 / 3381.0 * 100, .vi) == "99,9%", "a shortfall is never rounded up to 100%")
        #expect(Format.percent(70, .vi) == "70%")
        #expect(Format.percent(80, .en) == "80%")
        let start = LocalDateTime(iso: "2025-11-29T08:00")!, end = LocalDateTime(iso: "2025-11-29T11:00")!
        #expect(Format.eventTime(.timed(start: start, end: end), .vi, allDayLabel: "cả ngày") == "Thứ Bảy, 29/11/2025, 08:00–11:00")
    }

    @Test func dateTimesAreVietnamTimeUnlessAnOffsetIsGiven() throws {
        #expect(try #require(LocalDateTime(iso: "2026-11-29T08:00")).icsUTC == "20261129T010000Z")
        #expect(try #require(LocalDateTime(iso: "2026-11-29T08:00:00Z")).icsUTC == "20261129T080000Z")
        #expect(try #require(LocalDateTime(iso: "2026-11-29T08:00+09:00")).inVietnam.hhmm == "06:00")
        #expect(LocalDateTime(iso: "2026-11-29T25:00") == nil)
        #expect(LocalDate(iso: "2025-02-29") == nil)
        #expect(LocalDate(iso: "2024-02-29") != nil)
    }

    @Test func icsLinesAreFoldedAt75OctetsWithoutSplittingCharacters() {
        let long = "SUMMARY:" + String(repeating: "Tập huấn kỹ năng số cho người cao tuổi ", count: 4)
        let folded = ICalendar.fold(long)
        for line in folded.components(separatedBy: "\r\n") { #expect(line.utf8.count <= 75) }
        #expect(folded.replacingOccurrences(of: "\r\n ", with: "") == long)
        #expect(ICalendar.text("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne")
    }

    @Test func cancelledEventsSaySoInPageAndCalendar() throws {
        let event = TestSite.base["content/events/tap-huan.md"]!.replacingOccurrences(of: "status: scheduled", with: "status: cancelled")
        let (result, _) = TestSite.build(["content/events/tap-huan.md": event])
        #expect(try #require(result.text("su-kien/tap-huan/index.html")).contains("Sự kiện này đã bị huỷ."))
        let ics = try #require(result.text("su-kien/tap-huan/calendar.ics"))
        #expect(ics.contains("STATUS:CANCELLED\r\n"))
        #expect(ics.hasSuffix("END:VCALENDAR\r\n"))
    }

    @Test func upcomingAndPastSplitAtTheBuildDate() throws {
        let past = TestSite.base["content/events/tap-huan.md"]!.replacingOccurrences(of: "2026-11-29", with: "2026-10-01")
            .replacingOccurrences(of: "Tập huấn VNeID", with: "Buổi đã qua")
        let (result, _) = TestSite.build(["content/events/da-qua.md": past])
        let html = try #require(result.text("su-kien/index.html"))
        let upcoming = try #require(html.range(of: "Tập huấn VNeID")), gone = try #require(html.range(of: "Buổi đã qua"))
        let pastHeading = try #require(html.range(of: "<h2>Đã diễn ra</h2>"))
        #expect(upcoming.lowerBound < pastHeading.lowerBound && pastHeading.lowerBound < gone.lowerBound)
    }

    @Test func compressionRoundTrips() throws {
        let data = Data(String(repeating: "Bình dân học vụ số – Ninh Bình. ", count: 500).utf8)
        let gz = Compression.gzip(data)
        #expect(gz.count < data.count / 10)
        #expect(Compression.gunzip(gz) == data)
        let br = Compression.brotli(data)
        #expect(Compression.unbrotli(br, expectedSize: data.count) == data)
    }

    @Test func everyTextFileGetsGzipAndBrotliTwinsThatDecompressToIt() throws {
        let site = TestSite.base["content/site.yml"]!.replacingOccurrences(of: "precompress: false", with: "precompress: true")
        let (result, _) = TestSite.build(["content/site.yml": site])
        let texts = result.tree.files.keys.filter { Compression.textExtensions.contains(($0 as NSString).pathExtension) }
        #expect(texts.count > 10)
        for path in texts {
            let original = result.tree.files[path]!
            #expect(Compression.gunzip(try #require(result.tree.files[path + ".gz"])) == original, "\(path).gz")
            #expect(Compression.unbrotli(try #require(result.tree.files[path + ".br"]), expectedSize: original.count) == original, "\(path).br")
        }
    }

    @Test func stylesheetNameChangesWithItsContent() throws {
        let (a, _) = TestSite.build()
        let (b, _) = TestSite.build(["templates/static/style.css": "body{color:red}"])
        let nameA = try #require(a.tree.files.keys.first { $0.hasPrefix("style.") && $0.hasSuffix(".css") })
        let nameB = try #require(b.tree.files.keys.first { $0.hasPrefix("style.") && $0.hasSuffix(".css") })
        #expect(nameA != nameB)
        // The theme inlines the stylesheet; the hashed file stays for themes that link `{{css_url}}`.
        #expect(try #require(b.text("index.html")).contains("<style>body{color:red}</style>"))
    }

    @Test func pageBudgetWarnsOverTheLimit() {
        let site = TestSite.base["content/site.yml"]! + "\npage_budget_kb: 1\n"
        let (_, diagnostics) = TestSite.build(["content/site.yml": site])
        #expect(diagnostics.texts.contains { $0.contains("over the 1 KB budget") })
        #expect(!diagnostics.failed(strict: false) && diagnostics.failed(strict: true))
    }
}

@Suite struct CalendarLanguageTests {
    /// Events without an English file still belong in the English calendar (with Vietnamese titles).
    @Test func theEnglishCalendarListsUntranslatedEvents() throws {
        let (result, _) = TestSite.build()
        let ics = try #require(result.text("en/events/calendar.ics"))
        #expect(ics.contains("SUMMARY:Tập huấn VNeID"))
    }
}
