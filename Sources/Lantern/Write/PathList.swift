import Foundation

/// A list of output paths kept as one run of UTF-8 bytes and their end offsets: ~45 bytes a path
/// where an array of `String`s took ~100 (an allocation each). The sitemap of a 100 000-page site
/// asks for ~250 000 listed pages at the very end of the build, its memory peak.
///
/// Elements are made into `String`s only when read.
struct PathList: RandomAccessCollection, Sendable {
    private var bytes = ContiguousArray<UInt8>()
    private var ends = ContiguousArray<UInt32>()

    init() {}

    init(_ paths: some Sequence<String>) {
        for path in paths { append(path) }
    }

    var startIndex: Int { 0 }
    var endIndex: Int { ends.count }

    subscript(i: Int) -> String {
        let start = i == 0 ? 0 : Int(ends[i - 1])
        return bytes.withUnsafeBufferPointer {
            String(decoding: UnsafeBufferPointer(rebasing: $0[start..<Int(ends[i])]), as: UTF8.self)
        }
    }

    mutating func append(_ path: String) {
        var path = path
        path.withUTF8 { append(bytes: $0) }
    }

    mutating func append(bytes path: UnsafeBufferPointer<UInt8>) {
        precondition(bytes.count + path.count < Int(UInt32.max), "too many paths")
        bytes.append(contentsOf: path)
        ends.append(UInt32(bytes.count))
    }

    mutating func reserveCapacity(paths: Int, bytes count: Int) {
        ends.reserveCapacity(paths)
        bytes.reserveCapacity(count)
    }
}
