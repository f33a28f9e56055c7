import Foundation
import Testing
@testable import Lantern

/// Photos in whole sites: `<picture>` markup, the image budget, bad images, the cache.
@Suite struct ImageSiteTests {
    static let story = """
    ---
    title: "Chợ số"
    summary: "Người bán rau nhận tiền qua mã QR."
    model: cho-so
    locality: hoa-lu
    date: 2026-05-14
    author: "Ban biên tập"
    image: {src: /images/cho.jpg, alt: "Sạp rau có mã QR"}
    ---
    Mở đầu.

    ![Người bán rau](/images/rau.jpg)

    Kết.
    """

    static func files(budgetKB: Int? = nil) throws -> (overrides: [String: String?], data: [String: Data]) {
        var site = TestSite.base["content/site.yml"]!
        if let budgetKB { site += "\nimage_budget_kb: \(budgetKB)\n" }
        return (["content/stories/cho-so.md": story, "content/site.yml": site],
                ["content/images/cho.jpg": try ImageTests.phonePhoto(width: 1600, height: 1200),
                 "content/images/rau.jpg": try ImageTests.phonePhoto(width: 800, height: 600)])
    }

    static func build(_ overrides: [String: String?], _ data: [String: Data], cache: URL? = nil) -> (BuildResult, Diagnostics) {
        let diagnostics = Diagnostics()
        let builder = Builder(fs: TestSite.fileSystem(overrides, extraData: data),
                              options: BuildOptions(today: TestSite.today, imageCacheFolder: cache), diagnostics: diagnostics)
        return (builder.run(), diagnostics)
    }

    @Test func storyAndMarkdownImagesBecomePictures() throws {
        let (overrides, data) = try Self.files()
        let (result, diagnostics) = Self.build(overrides, data)
        #expect(diagnostics.texts == [])
        let html = try #require(result.text("cau-chuyen/cho-so/index.html"))
        // The story photo: first on the page, so not lazy; real size from the 1080 px variant.
        #expect(html.contains("<picture><source type=\"image/webp\" srcset=\"/images/cho.360.webp 360w, /images/cho.720.webp 720w, /images/cho.1080.webp 1080w\" sizes=\"\(ResponsiveMarkup.sizes)\"><img src=\"/images/cho.720.jpg\" srcset=\"/images/cho.360.jpg 360w, /images/cho.720.jpg 720w, /images/cho.1080.jpg 1080w\" sizes=\"\(ResponsiveMarkup.sizes)\" width=\"1080\" height=\"810\" class=\"figure\" alt=\"Sạp rau có mã QR\" decoding=\"async\"></picture>"))
        // The Markdown photo (800 px: never enlarged, so 360, 720 and its own 800), lazy.
        #expect(html.contains("srcset=\"/images/rau.360.webp 360w, /images/rau.720.webp 720w, /images/rau.800.webp 800w\""))
        #expect(html.contains("width=\"800\" height=\"600\" alt=\"Người bán rau\" loading=\"lazy\" decoding=\"async\"></picture>"))
        #expect(!html.contains("width=\"320\" height=\"180\""))
        // Every variant exists and is stripped; the original address holds a stripped copy, never the source.
        for path in ["images/cho.360.webp", "images/cho.1080.jpg", "images/rau.800.webp", "images/rau.800.jpg", "images/cho.jpg", "images/rau.jpg"] {
            let bytes = try #require(result.tree.files[path], "\(path) missing")
            ImageTests.assertNoMetadata(bytes, path)
        }
        #expect(result.tree.files["images/cho.jpg"] != data["content/images/cho.jpg"])
        #expect(try Vips.header(#require(result.tree.files["images/cho.jpg"])).width == 1080)
    }

    @Test func twoBuildsAreByteIdentical() throws {
        let (overrides, data) = try Self.files()
        let first = Self.build(overrides, data).0.tree.files
        let second = Self.build(overrides, data).0.tree.files
        #expect(first.keys.sorted() == second.keys.sorted())
        #expect(first.keys.contains("images/cho.720.webp"))
        for (path, bytes) in first { #expect(second[path] == bytes, "\(path) differs between builds") }
    }

    @Test func imageBudgetNamesTheImages() throws {
        let (overrides, data) = try Self.files(budgetKB: 1)
        let (_, diagnostics) = Self.build(overrides, data)
        let warning = try #require(diagnostics.texts.first { $0.contains("image budget") })
        #expect(warning.hasPrefix("content/stories/cho-so.md:1:1: warning: the images of /cau-chuyen/cho-so/index.html weigh"))
        // Heaviest first: the 800 px photo's 720 px WebP outweighs the smoother 1600 px one's.
        #expect(warning.contains("over the 1 KB image budget: /images/rau.jpg ("))
        #expect(warning.contains("), /images/cho.jpg ("))
        #expect(diagnostics.failed(strict: true))
        let (_, fine) = Self.build(try Self.files().overrides, data)
        #expect(!fine.texts.contains { $0.contains("image budget") })
    }

    @Test func brokenImagesAreErrorsWhereTheyAreUsed() throws {
        var (overrides, data) = try Self.files()
        let good = try #require(data["content/images/rau.jpg"])
        data["content/images/rau.jpg"] = good.prefix(good.count / 2)
        var png = try ImageTests.phonePhoto(width: 64, height: 48)
        png = try Vips.encode(Vips.thumbnail(png, width: 64), as: .png, quality: 0)
        data["content/images/cho.jpg"] = png
        overrides["content/guides/cai-dat-vneid.md"] = "---\ntitle: \"Cài đặt VNeID\"\nsummary: \"Cài ứng dụng.\"\ntopics: [vneid]\nduration: 20\nupdated: 2026-10-15\n---\n![Ảnh quá lớn](/images/lon.png)\n"
        data["content/images/lon.png"] = Self.pngHeader(width: 20_000, height: 20_000)
        let (_, diagnostics) = Self.build(overrides, data)
        let texts = diagnostics.texts
        #expect(texts.contains { $0.hasPrefix("content/stories/cho-so.md:8:14: error: /images/cho.jpg: the file is named .jpg but holds a PNG image") })
        #expect(texts.contains { $0.hasPrefix("content/stories/cho-so.md:12:1: error: /images/rau.jpg: the image cannot be decoded: it is damaged or cut short") })
        #expect(texts.contains { $0.hasPrefix("content/guides/cai-dat-vneid.md:8:1: error: /images/lon.png: the image is 20000 × 20000 pixels (400 megapixels), over the limit of 50 megapixels") })
    }

    @Test func secondBuildTakesEveryImageFromTheCache() throws {
        let cache = FileManager.default.temporaryDirectory.appendingPathComponent("lantern-image-cache-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: cache) }
        let (overrides, data) = try Self.files()
        let (cold, _) = Self.build(overrides, data, cache: cache)
        #expect(cold.imagesEncoded == 2)
        let (warm, diagnostics) = Self.build(overrides, data, cache: cache)
        #expect(warm.imagesEncoded == 0)
        #expect(diagnostics.texts == [])
        #expect(warm.tree.files == cold.tree.files)
        // A changed setting is a different entry: the photos are encoded again.
        var changed = overrides
        changed["content/site.yml"] = TestSite.base["content/site.yml"]! + "\nimage_quality: 60\n"
        #expect(Self.build(changed, data, cache: cache).0.imagesEncoded == 2)
    }

    /// A PNG whose header claims `width`×`height` (its pixel data is absent: only the header is read).
    static func pngHeader(width: UInt32, height: UInt32) -> Data {
        func u32(_ v: UInt32) -> [UInt8] { [UInt8(v >> 24), UInt8((v >> 16) & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF)] }
        func crc(_ bytes: [UInt8]) -> UInt32 {
            var c: UInt32 = 0xFFFF_FFFF
            for b in bytes {
                c ^= UInt32(b)
                for _ in 0..<8 { c = c & 1 == 1 ? (c >> 1) ^ 0xEDB8_8320 : c >> 1 }
            }
            return ~c
        }
        let ihdr = Array("IHDR".utf8) + u32(width) + u32(height) + [8, 2, 0, 0, 0]
        // A start of pixel data (libpng wants one before it reports the size): ten zero bytes in a
        // stored zlib block, whose Adler-32 is 0x000A0001.
        let idat = Array("IDAT".utf8) + [0x78, 0x01, 0x01, 10, 0, 0xF5, 0xFF] + [UInt8](repeating: 0, count: 10) + u32(0x000A_0001)
        let iend = Array("IEND".utf8)
        return Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + u32(13) + ihdr + u32(crc(ihdr))
                    + u32(UInt32(idat.count - 4)) + idat + u32(crc(idat)) + u32(0) + iend + u32(crc(iend)))
    }
}

extension ImageSiteTests {
    @Test func checkWarnsAboutNeedlesslyHugeSources() throws {
        var (overrides, data) = try Self.files()
        // 6000 × 4100 = 24.6 megapixels: over the 24-megapixel warning, under the 50-megapixel limit.
        data["content/images/cho.jpg"] = try Vips.syntheticJPEG(width: 6000, height: 4100, quality: 50)
        overrides["content/stories/cho-so.md"] = Self.story
        let diagnostics = Diagnostics()
        let builder = Builder(fs: TestSite.fileSystem(overrides, extraData: data), options: BuildOptions(today: TestSite.today), diagnostics: diagnostics)
        _ = builder.run(into: DiscardSink(), keepFacts: true)
        #expect(diagnostics.texts.contains { $0.hasPrefix("content/images/cho.jpg:1:1: warning: the image is needlessly large (") && $0.contains("24 megapixels") })
        #expect(!diagnostics.texts.contains { $0.contains("rau.jpg") })
        // A plain build says nothing about it.
        let (_, built) = Self.build(overrides, data)
        #expect(!built.texts.contains { $0.contains("needlessly large") })

        // Taken from the image cache (its size kept with it, so no header is read), it is still warned about.
        let cache = FileManager.default.temporaryDirectory.appendingPathComponent("lantern-huge-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: cache) }
        for run in ["encoded", "cached"] {
            let diagnostics = Diagnostics()
            let builder = Builder(fs: TestSite.fileSystem(overrides, extraData: data),
                                  options: BuildOptions(today: TestSite.today, imageCacheFolder: cache), diagnostics: diagnostics)
            let result = builder.run(into: DiscardSink(), keepFacts: true)
            #expect(diagnostics.texts.contains { $0.hasPrefix("content/images/cho.jpg:1:1: warning: the image is needlessly large (") && $0.contains("24 megapixels") }, "\(run)")
            #expect(result.site != nil)
        }
        let index = try FileManager.default.contentsOfDirectory(atPath: cache.path).compactMap {
            try? String(contentsOf: cache.appendingPathComponent($0).appendingPathComponent("index"), encoding: .utf8)
        }
        #expect(index.contains { $0.contains("source 24600000\n") }, "the source's size is kept in the cache")
    }
}
