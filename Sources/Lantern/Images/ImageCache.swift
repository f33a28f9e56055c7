import CVipsShim
import Foundation

/// Processed images on disk, keyed by the source's bytes, the settings and the libvips build,
/// so a build with no image change encodes nothing. One folder per key holds the variants and an
/// `index` line per variant; a folder is written beside its place and renamed in, so a build
/// killed half-way never leaves a half-written entry.
struct ImageCache: Sendable {
    let folder: URL

    /// The cache key: FNV-1a 64 of the source bytes and of the settings, with the byte count.
    static func key(_ data: Data, settings: ImageSettings) -> String { key(data, recipe: settings.cacheDescription) }

    /// The cache key of `data` made by `recipe` (everything else that shapes the output).
    static func key(_ data: Data, recipe: String) -> String {
        func fnv(_ bytes: some Sequence<UInt8>, _ seed: UInt64 = 0xcbf2_9ce4_8422_2325) -> UInt64 {
            var hash = seed
            for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
            return hash
        }
        func hex(_ v: UInt64) -> String { let s = String(v, radix: 16); return String(repeating: "0", count: 16 - s.count) + s }
        let content = data.withUnsafeBytes { lantern_fnv1a64($0.baseAddress, $0.count, 0xcbf2_9ce4_8422_2325) }
        // A second pass with another seed: 128 bits, so two photos never share an entry in practice.
        let content2 = data.withUnsafeBytes { lantern_fnv1a64($0.baseAddress, $0.count, 0x8422_2325_cbf2_9ce4) }
        let recipe = fnv(Array("\(recipe) vips=\(Vips.identity)".utf8))
        return "\(hex(content))\(hex(content2))-\(data.count)-\(hex(recipe))"
    }

    /// Whether an entry is stored under `key` (without reading it).
    func contains(_ key: String) -> Bool {
        FileManager.default.fileExists(atPath: folder.appendingPathComponent(key).appendingPathComponent("index").path)
    }

    func load(_ key: String) -> ProcessedImage? {
        let entry = folder.appendingPathComponent(key)
        guard let index = try? String(contentsOf: entry.appendingPathComponent("index"), encoding: .utf8) else { return nil }
        var variants: [ProcessedImage.Variant] = []
        var sourcePixels: Int?
        for line in index.split(separator: "\n") {
            let f = line.split(separator: " ")
            if f.count == 2, f[0] == "source", let pixels = Int(f[1]) { sourcePixels = pixels; continue }
            guard f.count == 3, let w = Int(f[0]), let h = Int(f[1]), let format = Vips.Format(rawValue: String(f[2])),
                  let data = try? Data(contentsOf: entry.appendingPathComponent("\(w).\(format.fileExtension)")) else { return nil }
            variants.append(.init(width: w, height: h, format: format, data: data))
        }
        guard let fallback = variants.first(where: { $0.format == .jpeg || $0.format == .png })?.format else { return nil }
        return ProcessedImage(variants: variants, fallback: fallback, sourcePixels: sourcePixels)
    }

    /// Stores an entry; a failure to write only costs a re-encode next time.
    func store(_ image: ProcessedImage, key: String) {
        let fm = FileManager.default
        let entry = folder.appendingPathComponent(key)
        let temporary = folder.appendingPathComponent(".\(key).\(UUID().uuidString)")
        do {
            try fm.createDirectory(at: temporary, withIntermediateDirectories: true)
            var index = ""
            for v in image.variants {
                try v.data.write(to: temporary.appendingPathComponent("\(v.width).\(v.format.fileExtension)"))
                index += "\(v.width) \(v.height) \(v.format.rawValue)\n"
            }
            if let pixels = image.sourcePixels { index += "source \(pixels)\n" }
            try Data(index.utf8).write(to: temporary.appendingPathComponent("index"))
            try fm.moveItem(at: temporary, to: entry)
        } catch {
            try? fm.removeItem(at: temporary)
        }
    }
}
