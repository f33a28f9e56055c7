import Foundation
import Testing
@testable import Lantern

/// Values many pages repeat are kept once (`ValuePool`): equal ones share their storage, and
/// nothing about them changes.
struct ValuePoolTests {
    /// The address of a string's bytes (nil for a short one kept inside the string itself).
    private func storage(_ s: String) -> UnsafeRawPointer? {
        s.utf8.withContiguousStorageIfAvailable { UnsafeRawPointer($0.baseAddress) } ?? nil
    }

    private func storage(_ a: [String]) -> UnsafeRawPointer? {
        a.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) }
    }

    @Test func pagesRepeatingAValueShareOneCopyOfIt() throws {
        func guide(_ title: String) -> String {
            """
            ---
            title: "\(title)"
            summary: "Một hướng dẫn."
            topics: [vneid]
            audience: [elderly, farmers]
            duration: 20
            needs: ["Thẻ căn cước có gắn chip", "Điện thoại thông minh có Internet"]
            updated: 2026-10-15
            ---
            Nội dung.
            """
        }
        func event(_ title: String) -> String {
            """
            ---
            title: "\(title)"
            summary: "Một buổi hướng dẫn."
            date: 2026-12-01
            all_day: true
            location: {name: "Nhà văn hoá thôn Đông", address: "Xã Yên Khánh, tỉnh Ninh Bình"}
            locality: hoa-lu
            organizer: "Tổ công nghệ số cộng đồng"
            contact: "Bộ phận một cửa (thông tin mẫu)"
            ---
            Nội dung.
            """
        }
        let (result, diagnostics) = TestSite.build([
            "content/guides/mot.md": guide("Một"), "content/guides/hai.md": guide("Hai"),
            "content/events/mot.md": event("Một"), "content/events/hai.md": event("Hai"),
        ])
        #expect(diagnostics.errorCount == 0, "\(diagnostics.texts)")
        let site = try #require(result.site)
        let guides = site.pages.filter { $0.sourcePath.hasPrefix("content/guides/") && ["Một", "Hai"].contains($0.title) }
        let events = site.pages.filter { $0.sourcePath.hasPrefix("content/events/") && ["Một", "Hai"].contains($0.title) }
        let (g1, g2) = (try #require(guides.first?.guide), try #require(guides.last?.guide))
        let (e1, e2) = (try #require(events.first?.event), try #require(events.last?.event))
        #expect(guides.count == 2 && events.count == 2)
        // The values are what the files say…
        #expect(g1.needs == ["Thẻ căn cước có gắn chip", "Điện thoại thông minh có Internet"] && g2.needs == g1.needs)
        #expect(g1.audience == ["elderly", "farmers"] && e1.organizer == "Tổ công nghệ số cộng đồng")
        // …and each is kept once.
        #expect(storage(g1.needs) == storage(g2.needs))
        #expect(storage(g1.audience) == storage(g2.audience))
        #expect(storage(g1.topics) == storage(g2.topics))
        for (a, b) in [(e1.locationName, e2.locationName), (e1.address, e2.address), (e1.organizer, e2.organizer), (e1.contact, e2.contact)] {
            #expect(storage(a) != nil && storage(a) == storage(b), "\(a)")
        }
    }

    @Test func aPoolGivesBackEqualValuesAndSharesOnlyLongStrings() {
        let pool = ValuePool()
        let long = String(repeating: "ư", count: 20)
        let first = pool.string(String(long.reversed().reversed()))
        let second = pool.string(String(long.reversed().reversed()))
        #expect(first == long && second == long)
        #expect(storage(first) == storage(second))
        #expect(pool.string("ngắn") == "ngắn")
        #expect(pool.list([]) == [] && pool.list(["a", long]) == ["a", long])
        #expect(storage(pool.list(["a", long])) == storage(pool.list(["a", long])))
        #expect(storage(pool.list(["a", long])[1]) == storage(first))
    }
}
