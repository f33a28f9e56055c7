import CBrotli
import CZlib
import Foundation

/// gzip (zlib, level 9) and Brotli (quality 11) for precompressed output and the page budget.
public enum Compression {
    /// gzip-format bytes (RFC 1952) with a zero mtime, so output is reproducible.
    public static func gzip(_ data: Data, level: Int32 = Z_BEST_COMPRESSION) -> Data {
        var stream = z_stream()
        // windowBits 15 + 16 selects the gzip wrapper.
        guard deflateInit2_(&stream, level, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY, ZLIB_VERSION,
                            Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return Data() }
        defer { deflateEnd(&stream) }
        let bound = Int(deflateBound(&stream, uLong(data.count))) + 32
        var out = Data(count: bound)
        var produced = 0
        data.withUnsafeBytes { (input: UnsafeRawBufferPointer) in
            out.withUnsafeMutableBytes { (output: UnsafeMutableRawBufferPointer) in
                stream.next_in = UnsafeMutablePointer(mutating: input.bindMemory(to: Bytef.self).baseAddress)
                stream.avail_in = uInt(input.count)
                stream.next_out = output.bindMemory(to: Bytef.self).baseAddress
                stream.avail_out = uInt(output.count)
                _ = deflate(&stream, Z_FINISH)
                produced = output.count - Int(stream.avail_out)
            }
        }
        return out.prefix(produced)
    }

    public static func gunzip(_ data: Data) -> Data? {
        var stream = z_stream()
        guard inflateInit2_(&stream, 15 + 32, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return nil }
        defer { inflateEnd(&stream) }
        var out = Data()
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        var status: Int32 = Z_OK
        data.withUnsafeBytes { (input: UnsafeRawBufferPointer) in
            stream.next_in = UnsafeMutablePointer(mutating: input.bindMemory(to: Bytef.self).baseAddress)
            stream.avail_in = uInt(input.count)
            repeat {
                buffer.withUnsafeMutableBufferPointer { b in
                    stream.next_out = b.baseAddress
                    stream.avail_out = uInt(b.count)
                    status = inflate(&stream, Z_NO_FLUSH)
                    out.append(b.baseAddress!, count: b.count - Int(stream.avail_out))
                }
            } while status == Z_OK
        }
        return status == Z_STREAM_END ? out : nil
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
