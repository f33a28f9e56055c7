import Foundation
import Testing
@testable import Lantern

/// Photos straight from a phone: made with libvips in the test itself (nothing large is committed),
/// with GPS EXIF and XMP spliced in by hand, then checked byte by byte.
@Suite struct ImageTests {
    /// An APP1 EXIF segment (big-endian TIFF): orientation, and a GPS IFD with a latitude.
    static func exifSegment(orientation: UInt16) -> [UInt8] {
        var tiff: [UInt8] = Array("MM".utf8) + [0, 42, 0, 0, 0, 8]
        func u16(_ v: UInt16) -> [UInt8] { [UInt8(v >> 8), UInt8(v & 0xFF)] }
        func u32(_ v: UInt32) -> [UInt8] { [UInt8(v >> 24), UInt8((v >> 16) & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF)] }
        // IFD0 at 8: 2 entries (12 bytes each) + next-IFD offset → GPS IFD at 8 + 2 + 24 + 4 = 38.
        tiff += u16(2)
        tiff += u16(0x0112) + u16(3) + u32(1) + u16(orientation) + u16(0)
        tiff += u16(0x8825) + u16(4) + u32(1) + u32(38)
        tiff += u32(0)
        // GPS IFD: latitude ref "N" and latitude 20° 15' 30" (three rationals after the IFD, at 38 + 2 + 24 + 4 = 68).
        tiff += u16(2)
        tiff += u16(0x0001) + u16(2) + u32(2) + Array("N".utf8) + [0, 0, 0]
        tiff += u16(0x0002) + u16(5) + u32(3) + u32(68)
        tiff += u32(0)
        tiff += u32(20) + u32(1) + u32(15) + u32(1) + u32(30) + u32(1)
        let body = Array("Exif".utf8) + [0, 0] + tiff
        return [0xFF, 0xE1] + u16(UInt16(body.count + 2)) + body
    }

    static let secret = "LanternSecretPlace"

    static func xmpSegment() -> [UInt8] {
        let body = Array("http://ns.adobe.com/xap/1.0/".utf8) + [0]
            + Array("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF><rdf:Description exif:GPSLatitude=\"20,15.5N\" dc:title=\"\(secret)\"/></rdf:RDF></x:xmpmeta>".utf8)
        let n = body.count + 2
        return [0xFF, 0xE1, UInt8(n >> 8), UInt8(n & 0xFF)] + body
    }

    /// A phone-like JPEG: libvips' synthetic picture with EXIF (GPS, orientation) and XMP after SOI.
    static func phonePhoto(width: Int, height: Int, orientation: UInt16 = 1) throws -> Data {
        let plain = Array(try Vips.syntheticJPEG(width: width, height: height))
        return Data([0xFF, 0xD8] + exifSegment(orientation: orientation) + xmpSegment() + plain.dropFirst(2))
    }

    /// A small real PNG (8×8).
    static func tinyPNG() throws -> Data {
        try Vips.encode(Vips.thumbnail(Vips.syntheticJPEG(width: 8, height: 8), width: 8), as: .png, quality: 0)
    }

    static func contains(_ data: Data, _ needle: String) -> Bool {
        data.range(of: Data(needle.utf8)) != nil || data.range(of: Data(needle.lowercased().utf8)) != nil
            || data.range(of: Data(needle.uppercased().utf8)) != nil
    }

    /// Markers of the fixture's metadata. "GPSLatitude", not "GPS": three letters (in three cases)
    /// turn up by chance in about 1 % of 60 KB encoded images (the fixtures carry random noise), and
    /// the EXIF GPS block is binary, so the text only ever appears in the XMP.
    static func assertNoMetadata(_ data: Data, _ label: String) {
        for marker in ["Exif", "GPSLatitude", "http://ns.adobe.com/xap", "xmpmeta", "XMP ", secret] {
            #expect(!contains(data, marker), "\(label) still holds \(marker)")
        }
    }

    @Test func phonePhotoIsResizedAndStripped() throws {
        let source = try Self.phonePhoto(width: 4000, height: 3000)
        // The fixture really carries what a phone writes: libvips reads its EXIF orientation, and the bytes hold GPS and XMP.
        #expect(try Vips.header(source).orientation == 1)
        #expect(Self.contains(source, "Exif") && Self.contains(source, Self.secret))
        let image = try ImageProcessor.process(source, path: "content/images/a.jpg", settings: ImageSettings()).get()
        // AVIF is there only when it pays (its own test); every variant, AVIF too, is stripped.
        let formats: [Vips.Format] = image.variants(.avif).isEmpty ? [.webp, .jpeg] : [.avif, .webp, .jpeg]
        #expect(image.variants.map(\.width) == [360, 720, 1080].flatMap { Array(repeating: $0, count: formats.count) })
        #expect(image.variants.map(\.height) == [270, 540, 810].flatMap { Array(repeating: $0, count: formats.count) })
        #expect(image.variants.map(\.format) == formats + formats + formats)
        for v in image.variants {
            Self.assertNoMetadata(v.data, "\(v.width).\(v.format)")
            let header = try Vips.header(v.data)
            #expect(header.width == v.width && header.height == v.height)
            #expect(header.loader.lowercased().contains(v.format == .webp ? "webp" : v.format == .avif ? "heif" : "jpeg"))
        }
        #expect(image.variants(.webp)[1].data.count < 100 * 1024, "a 720 px photo should fit a phone's budget")
    }

    @Test func orientationIsAppliedAndNeverEnlarged() throws {
        // Stored 400×300, EXIF says "rotate 90°": shown 300×400, narrower than 360, so one width only.
        let source = try Self.phonePhoto(width: 400, height: 300, orientation: 6)
        #expect(try Vips.header(source).orientation == 6)
        let image = try ImageProcessor.process(source, path: "content/images/a.jpg", settings: ImageSettings()).get()
        #expect(image.variants.map(\.width) == [300, 300])
        #expect(image.variants.map(\.height) == [400, 400])
        for v in image.variants { Self.assertNoMetadata(v.data, "\(v.width).\(v.format)") }
    }
}
