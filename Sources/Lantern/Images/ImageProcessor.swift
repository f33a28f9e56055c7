import Foundation

/// How photos are made fit for phones on slow networks; every field is part of the cache key.
struct ImageSettings: Sendable, Hashable {
    /// Output widths in CSS pixels; a source narrower than one is never enlarged.
    var widths: [Int] = [360, 720, 1080]
    /// Encoder quality (1–100) for WebP and the JPEG fallback.
    var quality: Int = 75
    /// Sources above this many pixels are refused rather than decoded (a 20 000 × 20 000 image
    /// needs 1.2 GB of memory).
    var maxPixels: Int = 50_000_000
    /// Also encode AVIF, kept only where it pays (`avifSaving`); `serve` skips it for speed.
    var avif = true
    /// AVIF is kept only when every width is at least this much smaller than its WebP.
    static let avifSaving = 0.10
    /// AVIF is encoded this many points below `quality`: its scale runs harsher than WebP's (a
    /// common rule of thumb; the pictures were not compared side by side here).
    static let avifQualityOffset = 15

    /// `lantern check` warns about sources above these: far more than a 1080 px output needs.
    static let hugePixels = 24_000_000
    static let hugeBytes = 10 * 1_048_576

    var cacheDescription: String { "w=\(widths.map(String.init).joined(separator: ",")) q=\(quality) avif=\(avif) v=1" }
}

/// One source image made responsive: the same picture at a few widths, as WebP and a fallback
/// (JPEG, or PNG when it has transparency), all upright and with no metadata.
struct ProcessedImage: Sendable, Equatable {
    struct Variant: Sendable, Equatable {
        var width: Int
        var height: Int
        var format: Vips.Format
        var data: Data
    }

    /// Narrowest first; for each width, AVIF (when it pays), WebP, then the fallback.
    var variants: [Variant]
    var fallback: Vips.Format
    /// The source's width × height in pixels, kept with a cached photo so a build that takes it from
    /// the cache can warn about a huge source without loading libvips to read its header.
    var sourcePixels: Int? = nil

    /// The widest variant's size: the picture's shown size (its aspect ratio for `width`/`height`).
    var width: Int { variants.map(\.width).max() ?? 0 }
    var height: Int { variants.max { $0.width < $1.width }?.height ?? 0 }

    func variants(_ format: Vips.Format) -> [Variant] { variants.filter { $0.format == format } }
}

/// Why a source image cannot be published, in plain words.
struct ImageProblem: Error, Sendable, Equatable {
    var message: String
    var hint: String
}

/// Decodes, turns upright, strips and resizes one source image with libvips.
enum ImageProcessor {
    /// Formats whose sources are processed; GIF (maybe animated) and SVG pass through as they are.
    static let processedExtensions: Set<String> = ["jpg", "jpeg", "png", "webp", "heic", "heif"]

    /// iPhone photos: decoded by libheif, which may lack the HEVC decoder on some systems.
    static func isHEIF(_ path: String) -> Bool { ["heic", "heif"].contains((path as NSString).pathExtension.lowercased()) }

    static func heifProblem(_ path: String, reason: String) -> ImageProblem {
        ImageProblem(message: "the HEIC photo cannot be decoded: it is damaged, or this computer's libheif has no HEVC decoder (\(reason))",
                     hint: "export it from the phone as JPEG (on an iPhone: Settings → Camera → Formats → Most Compatible) and use the .jpg instead, or install libheif's HEVC decoder (Debian: libheif1 with libde265).")
    }

    static func isProcessed(_ path: String) -> Bool {
        processedExtensions.contains((path as NSString).pathExtension.lowercased())
    }

    /// The widths a source `shownWidth` pixels wide is published at: those of `settings` it can
    /// fill, plus its own width when it is narrower than the widest (never enlarged).
    static func widths(forSource shownWidth: Int, settings: ImageSettings) -> [Int] {
        var widths = settings.widths.filter { $0 < shownWidth }
        if shownWidth <= (settings.widths.max() ?? 0) || widths.isEmpty { widths.append(min(shownWidth, settings.widths.max() ?? shownWidth)) }
        return Array(Set(widths)).sorted()
    }

    /// Checks the header (real format, size) before any pixel is decoded.
    static func inspect(_ data: Data, path: String, settings: ImageSettings) -> Result<Vips.Header, ImageProblem> {
        let header: Vips.Header
        do {
            header = try Vips.header(data)
        } catch {
            if error.libraryMissing { return .failure(ImageProblem(message: "\(error.description), so this image cannot be processed", hint: Vips.installHint)) }
            if isHEIF(path) { return .failure(heifProblem(path, reason: error.description)) }
            return .failure(ImageProblem(message: "the image cannot be read: it is damaged or not an image (\(error.description))",
                                         hint: "open it on a computer and save or export it again as JPEG or PNG."))
        }
        let ext = (path as NSString).pathExtension.lowercased()
        let loader = header.loader.lowercased()
        let real = loader.contains("jpeg") ? "jpg" : loader.contains("png") ? "png" : loader.contains("webp") ? "webp"
                 : loader.replacingOccurrences(of: "vipsforeignload", with: "").replacingOccurrences(of: "buffer", with: "")
        let named = ext == "jpeg" ? "jpg" : ext == "heic" ? "heif" : ext
        if real != named {
            return .failure(ImageProblem(message: "the file is named .\(ext) but holds a \(real.uppercased()) image",
                                         hint: "rename it to end in .\(real), and change the pages that use it."))
        }
        let pixels = header.width * header.height
        if pixels > settings.maxPixels {
            return .failure(ImageProblem(message: "the image is \(header.width) × \(header.height) pixels (\(pixels / 1_000_000) megapixels), over the limit of \(settings.maxPixels / 1_000_000) megapixels",
                                         hint: "shrink it to at most 4000 pixels wide before adding it; the site publishes it at most \(settings.widths.max() ?? 0) pixels wide."))
        }
        return .success(header)
    }

    /// Every variant of the image, or why it cannot be made.
    static func process(_ data: Data, path: String, settings: ImageSettings) -> Result<ProcessedImage, ImageProblem> {
        let header: Vips.Header
        switch inspect(data, path: path, settings: settings) {
        case .failure(let problem): return .failure(problem)
        case .success(let h): header = h
        }
        var variants: [ProcessedImage.Variant] = []
        // Screenshots and drawings (PNG) stay lossless; a photo with transparency cannot be a JPEG.
        var fallback = header.loader.lowercased().contains("png") ? Vips.Format.png : .jpeg
        do {
            for width in widths(forSource: header.shownWidth, settings: settings) {
                let image = try Vips.thumbnail(data, width: width)
                if image.hasAlpha { fallback = .png }
                // Encoding runs the decode: a truncated file fails here.
                let webp = try Vips.encode(image, as: .webp, quality: settings.quality)
                let plain = try Vips.encode(image, as: fallback, quality: settings.quality)
                // A libheif without an AV1 encoder (Ubuntu's `libheif-plugin-aomenc` missing) costs
                // only the AVIF, never the photo.
                if settings.avif, let avif = try? Vips.encode(image, as: .avif, quality: max(1, settings.quality - ImageSettings.avifQualityOffset)) {
                    variants.append(.init(width: image.width, height: image.height, format: .avif, data: avif))
                }
                variants.append(.init(width: image.width, height: image.height, format: .webp, data: webp))
                variants.append(.init(width: image.width, height: image.height, format: fallback, data: plain))
            }
        } catch {
            if error.libraryMissing { return .failure(ImageProblem(message: "\(error.description), so this image cannot be processed", hint: Vips.installHint)) }
            if isHEIF(path) { return .failure(heifProblem(path, reason: error.description)) }
            return .failure(ImageProblem(message: "the image cannot be decoded: it is damaged or cut short (\(error.description))",
                                         hint: "copy it again from the phone or camera, or open it and save it again as JPEG or PNG."))
        }
        return .success(ProcessedImage(variants: keepAVIFWherePays(variants), fallback: fallback,
                                       sourcePixels: header.width * header.height))
    }

    /// Drops every AVIF variant unless each is `avifSaving` smaller than the WebP of its width:
    /// a `<source>` must offer every width, and a few percent is not worth a second decoder.
    static func keepAVIFWherePays(_ variants: [ProcessedImage.Variant]) -> [ProcessedImage.Variant] {
        let avif = variants.filter { $0.format == .avif }
        guard !avif.isEmpty else { return variants }
        let pays = avif.count == variants.filter({ $0.format == .webp }).count && avif.allSatisfy { a in
            guard let webp = variants.first(where: { $0.format == .webp && $0.width == a.width }) else { return false }
            return Double(a.data.count) <= Double(webp.data.count) * (1 - ImageSettings.avifSaving)
        }
        return pays ? variants : variants.filter { $0.format != .avif }
    }
}
