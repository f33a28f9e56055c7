import Foundation

/// The output tree's claimed paths and who claimed each, kept compactly: the paths' bytes side by
/// side in large blocks, a fixed-size entry per path, and an open-addressing index of entries.
///
/// A `[String: SourceLocation]` cost ~270 bytes a path (the key's own allocation, the
/// dictionary's 48-byte buckets at three-quarters load at best, the owner's 32 bytes): 8.2 of the
/// 28.5 MiB heap peak of a 10 000-page build, and ~80 MiB of 300 000 paths at 100 000 pages. Here a
/// path costs its bytes plus ~40. A value type: a copy shares the storage until one of them
/// changes (the preview server hands a plan's table to the next plan).
struct ClaimTable {
    /// One claimed path: where its bytes are, its hash, its owner's index in `owners`, and
    /// whether the XML sitemap lists it (`Route.listed`, the top bit of `lengthAndListed`).
    private struct Entry {
        var block: UInt32
        var offset: UInt32
        var lengthAndListed: UInt32
        var hash: UInt32
        var owner: UInt32

        var length: Int { Int(lengthAndListed & 0x7fff_ffff) }
        var listed: Bool { lengthAndListed & 0x8000_0000 != 0 }
    }

    /// The paths' bytes, in blocks that are filled and never moved (a single growing array would
    /// briefly hold twice its size each time it grew).
    private var blocks: [ContiguousArray<UInt8>] = []
    private var entries = ChunkedList<Entry>()
    /// Each distinct owner once in a row: the same source usually claims several paths together.
    private var owners = ChunkedList<SourceLocation>()
    /// `entries` index + 1 (0: empty), at positions chosen by hash; never more than half full.
    private var slots: ContiguousArray<UInt32> = []

    private static let blockSize = 64 * 1024

    var count: Int { entries.count }

    /// Who claimed `path`, if anyone.
    subscript(path: String) -> SourceLocation? {
        var path = path
        return path.withUTF8 { bytes in
            guard let e = find(bytes, hash: Self.hash(bytes)).entry else { return nil }
            return owners[Int(entries[e].owner)]
        }
    }

    /// Records `path` for `owner`; the path must not be claimed already.
    mutating func insert(_ path: String, owner: SourceLocation, listed: Bool = true) {
        var path = path
        path.withUTF8 { bytes in
            let hash = Self.hash(bytes)
            let found = find(bytes, hash: hash)
            precondition(found.entry == nil, "a path is claimed twice")
            if (entries.count + 1) * 2 > slots.count {
                grow()
                insertEntry(bytes, hash: hash, owner: owner, listed: listed, slot: find(bytes, hash: hash).slot)
            } else {
                insertEntry(bytes, hash: hash, owner: owner, listed: listed, slot: found.slot)
            }
        }
    }

    /// Every claimed path with its owner, in the order claimed.
    func forEach(_ body: (String, SourceLocation) -> Void) {
        entries.forEach { e in body(string(e), owners[Int(e.owner)]) }
    }

    /// The claimed paths the sitemap lists that end with `suffix`, sorted by their bytes (the
    /// order of `String`'s `<` for NFC text, and of paths on disk). Only the matching entries'
    /// 4-byte numbers are sorted; the paths are copied once, in order, into a `PathList`.
    func listed(endingWith suffix: String) -> PathList {
        let tail = Array(suffix.utf8)
        var found: [UInt32] = []
        var length = 0
        var n = 0
        entries.forEach { e in
            defer { n += 1 }
            guard e.listed && e.length >= tail.count else { return }
            let matches = withBytes(e) { path in
                tail.withUnsafeBufferPointer { t in
                    t.isEmpty || memcmp(path.baseAddress! + path.count - t.count, t.baseAddress!, t.count) == 0
                }
            }
            if matches { found.append(UInt32(n)); length += e.length }
        }
        found.sort { a, b in
            let x = entries[Int(a)], y = entries[Int(b)]
            return withBytes(x) { p in
                withBytes(y) { q in
                    let common = min(p.count, q.count)
                    let order = common == 0 ? 0 : memcmp(p.baseAddress!, q.baseAddress!, common)
                    return order != 0 ? order < 0 : p.count < q.count
                }
            }
        }
        var list = PathList()
        list.reserveCapacity(paths: found.count, bytes: length)
        for i in found { withBytes(entries[Int(i)]) { list.append(bytes: $0) } }
        return list
    }

    /// The bytes of entry `e`'s path (valid only inside `body`).
    private func withBytes<R>(_ e: Entry, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        blocks[Int(e.block)].withUnsafeBufferPointer { block in
            body(UnsafeBufferPointer(rebasing: block[Int(e.offset)..<Int(e.offset) + e.length]))
        }
    }

    /// The first (smallest) claimed path that starts with `prefix`, and its owner: a scan of every
    /// path, made only to name who needs a folder when a file clashes with it.
    func first(withPrefix prefix: String) -> (path: String, owner: SourceLocation)? {
        var best: (path: String, owner: SourceLocation)?
        forEach { path, owner in
            if path.hasPrefix(prefix), best == nil || path < best!.path { best = (path, owner) }
        }
        return best
    }

    private func string(_ e: Entry) -> String {
        withBytes(e) { String(decoding: $0, as: UTF8.self) }
    }

    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var hasher = Hasher()
        hasher.combine(bytes: UnsafeRawBufferPointer(bytes))
        let h = hasher.finalize()
        return UInt32(truncatingIfNeeded: h ^ (h >> 32))
    }

    /// The entry holding `bytes`, or the empty slot where it would go.
    private func find(_ bytes: UnsafeBufferPointer<UInt8>, hash: UInt32) -> (entry: Int?, slot: Int) {
        guard !slots.isEmpty else { return (nil, 0) }
        let mask = slots.count - 1
        var i = Int(hash) & mask
        while true {
            let s = slots[i]
            if s == 0 { return (nil, i) }
            let e = entries[Int(s - 1)]
            if e.hash == hash, e.length == bytes.count, equals(e, bytes) { return (Int(s - 1), i) }
            i = (i + 1) & mask
        }
    }

    private func equals(_ e: Entry, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        blocks[Int(e.block)].withUnsafeBufferPointer { block in
            bytes.isEmpty || memcmp(block.baseAddress! + Int(e.offset), bytes.baseAddress!, bytes.count) == 0
        }
    }

    private mutating func insertEntry(_ bytes: UnsafeBufferPointer<UInt8>, hash: UInt32, owner: SourceLocation, listed: Bool, slot: Int) {
        precondition(bytes.count < 0x8000_0000 && entries.count < Int(UInt32.max), "too many claimed paths")
        if blocks.isEmpty || blocks[blocks.count - 1].count + bytes.count > blocks[blocks.count - 1].capacity {
            var block = ContiguousArray<UInt8>()
            block.reserveCapacity(max(Self.blockSize, bytes.count))
            blocks.append(block)
        }
        let b = blocks.count - 1
        let offset = blocks[b].count
        blocks[b].append(contentsOf: bytes)
        if owners.last != owner { owners.append(owner) }
        entries.append(Entry(block: UInt32(b), offset: UInt32(offset),
                             lengthAndListed: UInt32(bytes.count) | (listed ? 0x8000_0000 : 0),
                             hash: hash, owner: UInt32(owners.count - 1)))
        slots[slot] = UInt32(entries.count)
    }

    /// Doubles the index (at least 64 slots), placing every entry again by its stored hash.
    private mutating func grow() {
        let size = max(64, slots.count * 2)
        var fresh = ContiguousArray<UInt32>(repeating: 0, count: size)
        let mask = size - 1
        var n = 0
        entries.forEach { e in
            defer { n += 1 }
            var i = Int(e.hash) & mask
            while fresh[i] != 0 { i = (i + 1) & mask }
            fresh[i] = UInt32(n + 1)
        }
        slots = fresh
    }
}

/// An append-only list kept in fixed-size chunks: it grows without copying what it holds, so it
/// never holds its elements twice while growing, nor room for up to as many again (an array that
/// doubles did both: at 300 000 claimed paths, 16 MiB of slack and a 40 MiB moment).
struct ChunkedList<Element> {
    private static var chunkSize: Int { 4096 }
    private var chunks: [ContiguousArray<Element>] = []
    private(set) var count = 0

    subscript(i: Int) -> Element { chunks[i / Self.chunkSize][i % Self.chunkSize] }

    var last: Element? { count == 0 ? nil : self[count - 1] }

    mutating func append(_ element: Element) {
        if count % Self.chunkSize == 0 {
            var chunk = ContiguousArray<Element>()
            chunk.reserveCapacity(Self.chunkSize)
            chunks.append(chunk)
        }
        chunks[chunks.count - 1].append(element)
        count += 1
    }

    /// Calls `body` with every element, in order.
    func forEach(_ body: (Element) -> Void) {
        for chunk in chunks { for element in chunk { body(element) } }
    }
}
