import CBrotli
import CDeflate
import Foundation

/// gzip (libdeflate) and Brotli for precompressed output and the page budget.
///
/// libdeflate replaced zlib after measuring: on the 10 000-page benchmark zlib was a sixth of all
/// CPU time (weighing every page), and libdeflate compresses whole buffers two to three times as
/// fast, to slightly smaller output.
public enum Compression {
    /// gzip-format bytes (RFC 1952) with a zero mtime, so output is reproducible.
    /// - Parameter level: 1 (fastest) to 12 (smallest); 9 for precompressed files.
    public static func gzip(_ data: Data, level: Int32 = 9) -> Data {
        let compressor = Compressors.shared.take(level)
        defer { Compressors.shared.give(compressor, level) }
        let bound = libdeflate_gzip_compress_bound(compressor, data.count)
        var out = Data(count: bound)
        let produced = data.withUnsafeBytes { (input: UnsafeRawBufferPointer) in
            out.withUnsafeMutableBytes { (output: UnsafeMutableRawBufferPointer) in
                libdeflate_gzip_compress(compressor, input.baseAddress, input.count, output.baseAddress, output.count)
            }
        }
        return out.prefix(produced)
    }

    public static func gunzip(_ data: Data) -> Data? {
        guard let decompressor = libdeflate_alloc_decompressor() else { return nil }
        defer { libdeflate_free_decompressor(decompressor) }
        var capacity = max(data.count * 4, 4096)
        while capacity < 1 << 30 {
            var out = Data(count: capacity)
            var produced = 0
            let result = data.withUnsafeBytes { (input: UnsafeRawBufferPointer) in
                out.withUnsafeMutableBytes { (output: UnsafeMutableRawBufferPointer) in
                    libdeflate_gzip_decompress(decompressor, input.baseAddress, input.count, output.baseAddress, output.count, &produced)
                }
            }
            if result == LIBDEFLATE_SUCCESS { return out.prefix(produced) }
            guard result == LIBDEFLATE_INSUFFICIENT_SPACE else { return nil }
            capacity *= 4
        }
        return nil
    }

    /// Compressors cost a few hundred kilobytes each to set up: keep one per level and thread.
    final class Compressors: @unchecked Sendable {
        static let shared = Compressors()
        private let lock = NSLock()
        private var free: [Int32: [OpaquePointer]] = [:]

        func take(_ level: Int32) -> OpaquePointer {
            if let c = lock.withLock({ free[level]?.popLast() }) { return c }
            return libdeflate_alloc_compressor(level)
        }

        func give(_ compressor: OpaquePointer, _ level: Int32) {
            lock.withLock { free[level, default: []].append(compressor) }
        }
    }

    /// - Parameter quality: 0–11. 11 is ~9% smaller than 7 but ~45× slower on HTML pages.
    public static func brotli(_ data: Data, quality: Int32 = 7) -> Data {
        var size = BrotliEncoderMaxCompressedSize(data.count)
        if size == 0 { size = data.count + 1024 }
        var out = Data(count: size)
        let ok = data.withUnsafeBytes { (input: UnsafeRawBufferPointer) in
            out.withUnsafeMutableBytes { (output: UnsafeMutableRawBufferPointer) in
                BrotliEncoderCompress(quality, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_TEXT, input.count,
                                      input.bindMemory(to: UInt8.self).baseAddress, &size,
                                      output.bindMemory(to: UInt8.self).baseAddress)
            }
        }
        return ok == BROTLI_TRUE ? out.prefix(size) : Data()
    }

    public static func unbrotli(_ data: Data, expectedSize: Int) -> Data? {
        var size = max(expectedSize, 1)
        var out = Data(count: size)
        let result = data.withUnsafeBytes { (input: UnsafeRawBufferPointer) in
            out.withUnsafeMutableBytes { (output: UnsafeMutableRawBufferPointer) in
                BrotliDecoderDecompress(input.count, input.bindMemory(to: UInt8.self).baseAddress, &size,
                                        output.bindMemory(to: UInt8.self).baseAddress)
            }
        }
        return result == BROTLI_DECODER_RESULT_SUCCESS ? out.prefix(size) : nil
    }

    static let textExtensions: Set<String> = ["html", "css", "svg", "xml", "ics", "json", "csv", "txt", "js", "webmanifest"]

    /// Precompression of text files as they are written (`precompress: true` in site.yml).
    public struct Settings: Sendable {
        public var brotliQuality: Int
    }

    static func isCompressible(_ path: String) -> Bool {
        guard let dot = path.lastIndex(of: ".") else { return false }
        return textExtensions.contains(String(path[path.index(after: dot)...]))
    }
}
