import CVipsShim
import Foundation

/// libvips, called through the fixed-argument shim in `Sources/CVipsShim`. Every call is safe from
/// many threads at once.
enum Vips {
    /// Why libvips refused, in its own words (the first line is usually enough).
    struct Failure: Error, CustomStringConvertible {
        var description: String
        /// libvips itself could not be loaded (not installed): no image can be read or made.
        var libraryMissing = false
    }

    /// What to tell the user when libvips is not installed.
    static let installHint = "install it (Debian: `apt-get install libvips42`, or run `bash scripts/setup.sh`), then build again."

    /// A decoded (lazily evaluated) image.
    final class Image {
        fileprivate let pointer: UnsafeMutableRawPointer
        fileprivate init(_ pointer: UnsafeMutableRawPointer) { self.pointer = pointer }
        deinit { lantern_vips_unref(pointer) }
        var width: Int { Int(lantern_vips_image_width(pointer)) }
        var height: Int { Int(lantern_vips_image_height(pointer)) }
        var hasAlpha: Bool { lantern_vips_image_has_alpha(pointer) != 0 }
    }

    /// What the header says, read without decoding the pixels.
    struct Header: Equatable {
        /// Stored size (before the EXIF orientation is applied).
        var width: Int
        var height: Int
        var orientation: Int
        /// libvips' loader, e.g. `jpegload_buffer`: the format the bytes really are.
        var loader: String
        /// The size as shown: orientations 5–8 turn the picture by a quarter.
        var shownWidth: Int { orientation >= 5 ? height : width }
        var shownHeight: Int { orientation >= 5 ? width : height }
    }

    /// 0: started; 2: libvips.so.42 (or a function of it) could not be loaded; else it would not start.
    private static let status = lantern_vips_init()
    private static var started: Bool { status == 0 }
    private static var notStarted: Failure {
        status == 2 ? Failure(description: "libvips, the image library, is not installed (libvips.so.42 could not be loaded)", libraryMissing: true)
                    : Failure(description: "libvips could not start")
    }

    /// The library's version, e.g. `8.14.1`.
    static var version: String {
        _ = started
        return String(cString: lantern_vips_version())
    }

    /// Which libvips would make an image, for the image cache's keys (a new encoder makes new
    /// bytes), found without loading it: the file `libvips.so.42` resolves to where the dynamic
    /// loader looks for it (`libvips.so.42.17.1` is 8.14), with its size and time. Loading libvips
    /// and the ~120 libraries it brings only to ask its version was 21 MiB of the peak memory of a
    /// 10 000-page build whose images were all cached. When no such file is found (an unusual
    /// install), libvips is loaded and its own version is used.
    static let identity: String = {
        let environment = ProcessInfo.processInfo.environment["LD_LIBRARY_PATH"] ?? ""
        let folders = environment.split(separator: ":").map(String.init) + [
            "/usr/local/lib", "/usr/local/lib/x86_64-linux-gnu", "/usr/local/lib/aarch64-linux-gnu",
            "/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib/aarch64-linux-gnu", "/usr/lib/aarch64-linux-gnu",
            "/lib64", "/usr/lib64", "/lib", "/usr/lib",
        ]
        for folder in folders {
            guard let real = realpath(folder + "/libvips.so.42", nil) else { continue }
            defer { free(real) }
            var info = stat()
            guard stat(real, &info) == 0 else { continue }
            let name = String(cString: real).split(separator: "/").last.map(String.init) ?? ""
            return "\(name) \(info.st_size) \(info.st_mtim.tv_sec)"
        }
        return version
    }()

    private static func failure(_ what: String) -> Failure {
        guard let text = lantern_vips_error_take() else { return Failure(description: what) }
        defer { lantern_vips_free(text) }
        let reason = String(cString: text).split(separator: "\n").first.map(String.init) ?? ""
        return Failure(description: reason.isEmpty ? what : reason)
    }

    static func header(_ data: Data) throws(Failure) -> Header {
        guard started else { throw notStarted }
        var w: Int32 = 0, h: Int32 = 0, o: Int32 = 1
        var loader = [CChar](repeating: 0, count: 64)
        let status = data.withUnsafeBytes { raw in
            lantern_vips_header(raw.baseAddress, raw.count, &w, &h, &o, &loader, loader.count)
        }
        guard status == 0 else { throw failure("the file is not an image libvips can read") }
        return Header(width: Int(w), height: Int(h), orientation: Int(o),
                      loader: String(decoding: loader.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
    }

    /// Decodes `data`, turns it upright and shrinks it to at most `width` pixels wide.
    /// The bytes must stay alive while the image is used (`encode` runs the decode).
    static func thumbnail(_ data: Data, width: Int) throws(Failure) -> Image {
        guard started else { throw notStarted }
        let pointer = data.withUnsafeBytes { raw in lantern_vips_thumbnail(raw.baseAddress, raw.count, Int32(width)) }
        guard let pointer else { throw failure("the image could not be decoded") }
        return Image(pointer)
    }

    enum Format: String, Sendable, CaseIterable {
        case avif, webp, jpeg, png
        /// The file extension written.
        var fileExtension: String { self == .jpeg ? "jpg" : rawValue }
        var mimeType: String { "image/\(rawValue)" }
    }

    /// Encodes with no metadata at all.
    static func encode(_ image: Image, as format: Format, quality: Int) throws(Failure) -> Data {
        var out: UnsafeMutableRawPointer? = nil
        var length = 0
        let status: Int32
        switch format {
        case .webp: status = lantern_vips_webpsave(image.pointer, Int32(quality), &out, &length)
        case .jpeg: status = lantern_vips_jpegsave(image.pointer, Int32(quality), &out, &length)
        case .png: status = lantern_vips_pngsave(image.pointer, &out, &length)
        // Effort 2 of 9: about as fast as WebP; the default (4) made files ~30 % smaller but took
        // five times as long on the benchmark's photos.
        case .avif: status = lantern_vips_heifsave(image.pointer, Int32(quality), 1, 2, &out, &length)
        }
        guard status == 0, let out else { throw failure("the image could not be encoded as \(format.rawValue)") }
        defer { lantern_vips_free(out) }
        let data = Data(bytes: out, count: length)
        return format == .webp ? WebPMetadata.strip(data) : data
    }

    /// An HEIC (HEVC) file of `image`, as an iPhone writes (tests make their HEIC sources with it).
    static func heic(_ image: Image, quality: Int = 60) throws(Failure) -> Data {
        var out: UnsafeMutableRawPointer? = nil
        var length = 0
        guard lantern_vips_heifsave(image.pointer, Int32(quality), 0, 4, &out, &length) == 0, let out else {
            throw failure("the image could not be encoded as HEIC")
        }
        defer { lantern_vips_free(out) }
        return Data(bytes: out, count: length)
    }

    /// Decodes `data`, turns it upright and fills exactly `width`×`height`, cropping around its most
    /// interesting part (a photo's share card).
    static func cropCover(_ data: Data, width: Int, height: Int) throws(Failure) -> Image {
        guard started else { throw notStarted }
        let pointer = data.withUnsafeBytes { raw in lantern_vips_crop_cover(raw.baseAddress, raw.count, Int32(width), Int32(height)) }
        guard let pointer else { throw failure("the image could not be decoded") }
        return Image(pointer)
    }

    /// What a generated share card shows and how; see `lantern_vips_title_card`.
    struct CardDesign: Sendable, Hashable {
        var width = 1200, height = 630, margin = 80
        var titleFont = "Noto Sans Bold 60", footerFont = "Noto Sans 34"
        /// A font file loaded for the card (nil: fontconfig finds the fonts by name).
        var fontFile: String?
        var background: UInt32 = 0x0b5a44, ink: UInt32 = 0xffffff, accent: UInt32 = 0x7fd6b4
    }

    /// Renders a share card: `title` and `footer` are Pango markup (escape the text first).
    static func titleCard(title: String, footer: String, design: CardDesign) throws(Failure) -> Image {
        guard started else { throw notStarted }
        let d = design
        let pointer = lantern_vips_title_card(Int32(d.width), Int32(d.height), Int32(d.margin), title, d.titleFont, footer, d.footerFont,
                                              d.fontFile, d.background, d.ink, d.accent)
        guard let pointer else { throw failure("the share card could not be drawn") }
        return Image(pointer)
    }

    /// A photo-like JPEG of the given size made from gradients and noise (tests, benchmarks).
    static func syntheticJPEG(width: Int, height: Int, quality: Int = 90) throws(Failure) -> Data {
        guard started else { throw notStarted }
        var out: UnsafeMutableRawPointer? = nil
        var length = 0
        guard lantern_vips_synthetic_jpeg(Int32(width), Int32(height), Int32(quality), &out, &length) == 0, let out else {
            throw failure("the sample image could not be made")
        }
        defer { lantern_vips_free(out) }
        return Data(bytes: out, count: length)
    }
}
