import Foundation

/// Removes metadata chunks from a WebP file. libvips 8.14's WebP saver ignores `strip` and writes
/// an EXIF chunk even for an image with no metadata at all (resolution, EXIF version); newer
/// versions honour it, and then this finds nothing to remove.
enum WebPMetadata {
    /// Chunks that describe rather than draw: EXIF, XMP, and colour profiles.
    static let dropped: Set<String> = ["EXIF", "XMP ", "ICCP"]

    /// `data` without metadata chunks, with the VP8X flags and the RIFF size to match; `data`
    /// itself when it is not a WebP file this understands.
    static func strip(_ data: Data) -> Data {
        let bytes = [UInt8](data)
        guard bytes.count >= 12, bytes[0..<4] == [0x52, 0x49, 0x46, 0x46], bytes[8..<12] == [0x57, 0x45, 0x42, 0x50] else { return data }
        var out: [UInt8] = []
        var i = 12
        while i + 8 <= bytes.count {
            let name = String(decoding: bytes[i..<(i + 4)], as: UTF8.self)
            let size = Int(bytes[i + 4]) | Int(bytes[i + 5]) << 8 | Int(bytes[i + 6]) << 16 | Int(bytes[i + 7]) << 24
            let end = i + 8 + size + (size & 1)
            guard end <= bytes.count else { return data }
            if !dropped.contains(name) {
                var chunk = Array(bytes[i..<end])
                // VP8X flags: ICC 0x20, EXIF 0x08, XMP 0x04 — none of them is present any more.
                if name == "VP8X", chunk.count > 8 { chunk[8] &= ~UInt8(0x20 | 0x08 | 0x04) }
                out += chunk
            }
            i = end
        }
        let riffSize = UInt32(out.count + 4)
        let header: [UInt8] = Array("RIFF".utf8) + [UInt8(riffSize & 0xFF), UInt8((riffSize >> 8) & 0xFF),
                                                      UInt8((riffSize >> 16) & 0xFF), UInt8(riffSize >> 24)] + Array("WEBP".utf8)
        return Data(header + out)
    }
}
