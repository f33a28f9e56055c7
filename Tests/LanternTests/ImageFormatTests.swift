import Foundation
import Testing
@testable import Lantern

/// AVIF where it pays, and HEIC photos from iPhones.
@Suite struct ImageFormatTests {
    static func variant(_ width: Int, _ format: Vips.Format, bytes: Int) -> ProcessedImage.Variant {
        .init(width: width, height: width * 3 / 4, format: format, data: Data(count: bytes))
    }

    @Test func avifIsKeptOnlyWhenEveryWidthIsTenPercentSmaller() {
        let webp = [Self.variant(360, .webp, bytes: 1000), Self.variant(720, .webp, bytes: 3000)]
        let pays = webp + [Self.variant(360, .avif, bytes: 900), Self.variant(720, .avif, bytes: 2000)]
        #expect(ImageProcessor.keepAVIFWherePays(pays).count == 4)
        // 720 px saves a third, but 360 px only 5 %: no AVIF at all (a <source> offers every width).
        let partly = webp + [Self.variant(360, .avif, bytes: 950), Self.variant(720, .avif, bytes: 2000)]
        #expect(ImageProcessor.keepAVIFWherePays(partly).map(\.format) == [.webp, .webp])
        // A width whose AVIF could not be encoded: none at all.
        let missing = webp + [Self.variant(720, .avif, bytes: 2000)]
        #expect(ImageProcessor.keepAVIFWherePays(missing).map(\.format) == [.webp, .webp])
        let larger = webp + [Self.variant(360, .avif, bytes: 1200), Self.variant(720, .avif, bytes: 3300)]
        #expect(ImageProcessor.keepAVIFWherePays(larger).map(\.format) == [.webp, .webp])
    }

    @Test func avifComesFirstInThePictureOnlyWhenItWasKept() throws {
        let jpeg = [Self.variant(360, .jpeg, bytes: 10), Self.variant(720, .jpeg, bytes: 10)]
        let webp = [Self.variant(360, .webp, bytes: 10), Self.variant(720, .webp, bytes: 10)]
        let avif = [Self.variant(360, .avif, bytes: 5), Self.variant(720, .avif, bytes: 5)]
        let with = ResponsiveMarkup.picture(url: "/images/a.jpg", image: ProcessedImage(variants: avif + webp + jpeg, fallback: .jpeg),
                                            attributes: [("alt", "A")], lazy: false)
        #expect(with.hasPrefix("<picture><source type=\"image/avif\" srcset=\"/images/a.360.avif 360w, /images/a.720.avif 720w\" sizes=\"\(ResponsiveMarkup.sizes)\"><source type=\"image/webp\""))
        let without = ResponsiveMarkup.picture(url: "/images/a.jpg", image: ProcessedImage(variants: webp + jpeg, fallback: .jpeg),
                                               attributes: [("alt", "A")], lazy: false)
        #expect(!without.contains("avif") && without.hasPrefix("<picture><source type=\"image/webp\""))
    }

    @Test func aRealPhotoGetsAVIFOnlyWhereItPays() throws {
        let source = try ImageTests.phonePhoto(width: 4000, height: 3000)
        let image = try ImageProcessor.process(source, path: "content/images/a.jpg", settings: ImageSettings()).get()
        for a in image.variants(.avif) {
            let webp = try #require(image.variants(.webp).first { $0.width == a.width })
            #expect(Double(a.data.count) <= Double(webp.data.count) * 0.9)
            ImageTests.assertNoMetadata(a.data, "\(a.width).avif")
            #expect(try Vips.header(a.data).loader.lowercased().contains("heif"))
        }
        // The phone photo pays (smooth gradients, little noise): its AVIF is the one a phone downloads.
        let avif = image.variants(.avif)
        #expect(avif.count == 3)
        let images = SiteImages(images: ["/images/a.jpg": image])
        #expect(images.phoneBytes("/images/a.jpg") == avif[1].data.count)
        // Without AVIF (what `serve` asks for), none is made.
        let plain = try ImageProcessor.process(source, path: "content/images/a.jpg", settings: ImageSettings(avif: false)).get()
        #expect(plain.variants(.avif).isEmpty && plain.variants(.webp).count == 3)
    }

    @Test func imageAVIFFalseInSiteYmlPublishesNone() throws {
        var (overrides, data) = try ImageSiteTests.files()
        data["content/images/cho.jpg"] = try ImageTests.phonePhoto(width: 4000, height: 3000)
        let (with, diagnostics) = ImageSiteTests.build(overrides, data)
        #expect(diagnostics.texts.allSatisfy { !$0.contains("error") })
        #expect(with.tree.files["images/cho.720.avif"] != nil)
        #expect(try #require(with.text("cau-chuyen/cho-so/index.html")).contains("<picture><source type=\"image/avif\" srcset=\"/images/cho.360.avif 360w"))
        overrides["content/site.yml"] = TestSite.base["content/site.yml"]! + "\nimage_avif: false\n"
        let without = ImageSiteTests.build(overrides, data).0
        #expect(!without.tree.files.keys.contains { $0.hasSuffix(".avif") })
        #expect(without.tree.files["images/cho.720.webp"] != nil)
    }

    static func heic(width: Int, height: Int) throws -> Data {
        try Vips.heic(Vips.thumbnail(ImageTests.phonePhoto(width: width, height: height), width: width))
    }

    @Test func heicPhotosBecomePictures() throws {
        var (overrides, data) = try ImageSiteTests.files()
        let heic = try Self.heic(width: 1600, height: 1200)
        #expect(try Vips.header(heic).loader.lowercased().contains("heif"))
        data["content/images/iphone.heic"] = heic
        overrides["content/stories/cho-so.md"] = ImageSiteTests.story.replacingOccurrences(of: "/images/cho.jpg", with: "/images/iphone.heic")
        let (result, diagnostics) = ImageSiteTests.build(overrides, data)
        #expect(diagnostics.texts == [])
        let html = try #require(result.text("cau-chuyen/cho-so/index.html"))
        #expect(html.contains("<img src=\"/images/iphone.720.jpg\" srcset=\"/images/iphone.360.jpg 360w, /images/iphone.720.jpg 720w, /images/iphone.1080.jpg 1080w\""))
        #expect(html.contains("width=\"1080\" height=\"810\""))
        for path in ["images/iphone.360.webp", "images/iphone.1080.jpg"] {
            let bytes = try #require(result.tree.files[path], "\(path) missing")
            ImageTests.assertNoMetadata(bytes, path)
        }
        // A browser cannot show HEIC: the source is never published.
        #expect(result.tree.files["images/iphone.heic"] == nil)
    }

    @Test func aDamagedHEICIsAnErrorNamingTheFixAtItsLine() throws {
        var (overrides, data) = try ImageSiteTests.files()
        let heic = try Self.heic(width: 800, height: 600)
        data["content/images/iphone.heic"] = heic.prefix(heic.count / 2)
        overrides["content/stories/cho-so.md"] = ImageSiteTests.story.replacingOccurrences(of: "/images/cho.jpg", with: "/images/iphone.heic")
        let (_, diagnostics) = ImageSiteTests.build(overrides, data)
        let error = try #require(diagnostics.texts.first { $0.contains("iphone.heic") }, "\(diagnostics.texts)")
        #expect(error.hasPrefix("content/stories/cho-so.md:8:14: error: /images/iphone.heic: the HEIC photo cannot be decoded"))
        #expect(error.contains("export it from the phone as JPEG"))
    }
}
