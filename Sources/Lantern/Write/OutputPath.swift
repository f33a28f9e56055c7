import Foundation

/// The one gate every output path passes before anything is written: a path relative to the
/// output folder made only of plain names, so no file can land outside the output root.
///
/// Rejected: absolute paths, empty segments (`a//b`), `.` and `..` (also percent-encoded, as a web
/// server would decode them), backslashes, control characters (NUL, newline…), a name longer than
/// a file system allows (255 bytes), and paths longer than 1 024 bytes.
enum OutputPath {
    static let maxSegmentBytes = 255
    static let maxPathBytes = 1_024

    /// Why `path` may not be written, or nil when it is a safe relative path.
    static func problem(_ path: String) -> String? {
        if isPlainlySafe(path) { return nil }
        if path.isEmpty { return "the output path is empty" }
        if path.utf8.count > maxPathBytes { return "the output path is \(path.utf8.count) bytes long (at most \(maxPathBytes))" }
        if path.hasPrefix("/") { return "the output path `\(shown(path))` is absolute" }
        for scalar in path.unicodeScalars where scalar.value < 0x20 || scalar.value == 0x7F || scalar == "\\" {
            return scalar == "\\" ? "the output path `\(shown(path))` contains a backslash"
                                  : "the output path `\(shown(path))` contains a control character"
        }
        for segment in path.split(separator: "/", omittingEmptySubsequences: false) {
            if segment.isEmpty { return "the output path `\(shown(path))` has an empty folder name (`//`)" }
            if segment.utf8.count > maxSegmentBytes {
                return "a name in the output path is \(segment.utf8.count) bytes long (at most \(maxSegmentBytes))"
            }
            let decoded = percentDecoded(String(segment))
            if decoded == "." || decoded == ".." || decoded.contains("/") || decoded.contains("\\") {
                return "the output path `\(shown(path))` climbs out of its folder (`\(segment)`)"
            }
        }
        return nil
    }

    /// The usual path, decided in one pass over its bytes: no control character, backslash or `%`
    /// (so nothing decodes), no empty, `.` or `..` segment, no segment or whole path too long.
    /// False sends it through every check in `problem`, which then names what is wrong.
    static func isPlainlySafe(_ path: String) -> Bool {
        var total = 0, segment = 0, onlyDots = true
        for b in path.utf8 {
            total += 1
            if b == UInt8(ascii: "/") {
                if segment == 0 || (onlyDots && segment <= 2) { return false }
                segment = 0; onlyDots = true
                continue
            }
            if b < 0x20 || b == 0x7F || b == UInt8(ascii: "%") || b == UInt8(ascii: "\\") { return false }
            segment += 1
            if segment > maxSegmentBytes { return false }
            if b != UInt8(ascii: ".") { onlyDots = false }
        }
        return total <= maxPathBytes && segment > 0 && !(onlyDots && segment <= 2)
    }

    /// The path as it can be shown in a message: control characters made visible, long ones cut.
    static func shown(_ path: String) -> String {
        var out = ""
        for scalar in path.unicodeScalars {
            if scalar.value < 0x20 || scalar.value == 0x7F { out += "\\u{\(String(scalar.value, radix: 16))}" } else { out.unicodeScalars.append(scalar) }
        }
        return out.count > 120 ? String(out.prefix(117)) + "…" : out
    }

    /// `%2e%2E` → `..`; repeated, so `%252e` (an encoded `%`) is decoded too.
    static func percentDecoded(_ segment: String) -> String {
        var current = segment
        for _ in 0..<4 {
            guard current.contains("%"), let decoded = current.removingPercentEncoding, decoded != current else { break }
            current = decoded
        }
        return current
    }
}
