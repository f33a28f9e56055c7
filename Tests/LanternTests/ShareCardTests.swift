import Foundation
import Testing
@testable import Lantern

/// Share cards: the `og:image` a social app shows for a shared link.
@Suite struct ShareCardTests {
    static func site(_ mode: String?) throws -> (overrides: [String: String?], data: [String: Data]) {
        var (overrides, data) = try ImageSiteTests.files()
        if let mode { overrides["content/site.yml"] = TestSite.base["content/site.yml"]! + "\nshare_cards: \(mode)\n" }
        return (overrides, data)
    }

    /// The `og:` meta tags of a page, by property.
    static func meta(_ html: String) -> [String: String] {
        var out: [String: String] = [:]
        let pattern = try! NSRegularExpression(pattern: #"<meta (?:property|name)="([^"]+)" content="([^"]*)">"#)
        for m in pattern.matches(in: html, range: NSRange(html.startIndex..., in: html)) {
            out[String(html[Range(m.range(at: 1), in: html)!])] = String(html[Range(m.range(at: 2), in: html)!])
        }
        return out
    }

    /// The card file behind an absolute `og:image` address.
    static func card(_ result: BuildResult, _ url: String?) throws -> Data {
        let url = try #require(url)
        #expect(url.hasPrefix("https://example.org/anh/the/") && url.hasSuffix(".jpg"), "\(url)")
        return try #require(result.tree.files[String(url.dropFirst("https://example.org/".count))], "\(url) was not written")
    }

    @Test func pageWithoutPhotoGetsATitleCard() throws {
        let (overrides, data) = try Self.site("all")
        let (result, diagnostics) = ImageSiteTests.build(overrides, data)
        #expect(diagnostics.texts == [])
        let tags = Self.meta(try #require(result.text("huong-dan/cai-dat-vneid/index.html")))
        #expect(tags["og:image:width"] == "1200" && tags["og:image:height"] == "630")
        #expect(tags["og:image:alt"] == "Cài đặt VNeID – Thử nghiệm")
        #expect(tags["twitter:card"] == "summary_large_image")
        let jpeg = try Self.card(result, tags["og:image"])
        let header = try Vips.header(jpeg)
        #expect(header.width == 1200 && header.height == 630 && header.loader.lowercased().contains("jpeg"))
        #expect(jpeg.count <= 60 * 1024, "a title card should stay small: \(jpeg.count) bytes")
        // Its own card, not the site's: another page's differs.
        let home = Self.meta(try #require(result.text("index.html")))
        #expect(home["og:image"] != tags["og:image"])
    }

    @Test func pageWithPhotoGetsItCropped() throws {
        // The default (`photos`): the story's photo is cropped, the guide shares the site card.
        let (overrides, data) = try Self.site(nil)
        let (result, diagnostics) = ImageSiteTests.build(overrides, data)
        #expect(diagnostics.texts == [])
        let story = Self.meta(try #require(result.text("cau-chuyen/cho-so/index.html")))
        #expect(story["og:image:alt"] == "Sạp rau có mã QR")
        #expect(story["og:image:width"] == "1200" && story["og:image:height"] == "630")
        let crop = try Self.card(result, story["og:image"])
        ImageTests.assertNoMetadata(crop, "the share card")
        let header = try Vips.header(crop)
        #expect(header.width == 1200 && header.height == 630)
        let guide = Self.meta(try #require(result.text("huong-dan/cai-dat-vneid/index.html")))
        let home = Self.meta(try #require(result.text("index.html")))
        #expect(guide["og:image"] != nil && guide["og:image"] == home["og:image"] && guide["og:image"] != story["og:image"])
        #expect(guide["og:image:alt"] == "Thử nghiệm")
        _ = try Self.card(result, guide["og:image"])
    }

    @Test func secondBuildDrawsNothingAndIsByteIdentical() throws {
        let cache = FileManager.default.temporaryDirectory.appendingPathComponent("lantern-card-cache-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: cache) }
        let (overrides, data) = try Self.site("all")
        let cold = ImageSiteTests.build(overrides, data, cache: cache).0
        #expect(cold.cardsEncoded >= 4)
        let (warm, diagnostics) = ImageSiteTests.build(overrides, data, cache: cache)
        #expect(diagnostics.texts == [])
        #expect(warm.cardsEncoded == 0 && warm.imagesEncoded == 0)
        #expect(warm.tree.files == cold.tree.files)
        #expect(warm.tree.files.keys.contains { $0.hasPrefix("anh/the/") })
    }

    @Test func offMeansNoCards() throws {
        let (overrides, data) = try Self.site("off")
        let (result, diagnostics) = ImageSiteTests.build(overrides, data)
        #expect(diagnostics.texts == [])
        #expect(!result.tree.files.keys.contains { $0.hasPrefix("anh/") })
        let tags = Self.meta(try #require(result.text("cau-chuyen/cho-so/index.html")))
        #expect(tags["og:image"] == "https://example.org/images/cho.jpg" && tags["og:image:width"] == nil)
    }

    @Test func aMisspeltModeIsAnErrorAtItsLine() throws {
        let (overrides, data) = try Self.site("photo")
        let (_, diagnostics) = ImageSiteTests.build(overrides, data)
        #expect(diagnostics.texts.contains { $0.contains("content/site.yml:") && $0.contains("error: `share_cards` cannot be `photo`") && $0.contains("did you mean `photos`?") })
    }

    @Test func withoutNotoTheSystemFontStillDrawsACard() throws {
        #expect(CardFonts.find(candidates: ["/nonexistent/NotoSans-Bold.ttf"]) == nil)
        let image = try Vips.titleCard(title: ShareCards.escape("Hướng dẫn <VNeID> & mã QR"), footer: "Thử nghiệm", design: CardFonts.system.design)
        #expect(image.width == 1200 && image.height == 630)
    }
}
