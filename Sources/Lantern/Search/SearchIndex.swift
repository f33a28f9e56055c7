import Foundation

/// One language's search index as files: term shards (by the first two folded letters, so a query
/// downloads only the shards its words need) and result chunks (what a hit shows), each with a
/// content-hashed name. Built from one page at a time; the same pages give byte-identical files.
struct SearchIndex {
    /// What a result shows: the page's address, title, section and summary (the snippet).
    struct Entry: Sendable {
        var url: String
        var title: String
        var section: String
        var summary: String
    }

    struct File: Equatable {
        /// The file name inside the language's search folder, e.g. `t-th.3f9a1c2b.json`.
        var name: String
        var text: String
    }

    /// Pages cut into units at a time (on all cores) before their units join the postings.
    static let batchSize = 512

    /// Results per chunk file: a query's top hits fetch a few small chunks, not every title.
    static let chunkSize = 32

    /// The shard keys, in key order.
    private(set) var keys: [String] = []
    /// How many result chunks there are: chunk `i` holds pages `i × chunkSize ..< (i + 1) × chunkSize`.
    private(set) var chunkCount = 0
    /// A hash of everything the files hold, in every file's name (`t-<key>.<version>.json`).
    private(set) var version = ""
    /// What the files are made from; shared by copies of the index, never changed once built.
    private var store = Store(shards: [], entries: [])

    /// One file of the index, made from the store when asked (`text(of:)`).
    enum Part: Equatable {
        case shard(Int), chunk(Int), keys
    }

    /// The postings of each shard (terms in order, each with its page numbers and values) and
    /// every page's result.
    private final class Store: @unchecked Sendable {
        let shards: [[(term: String, list: PostingList)]]
        let entries: [Entry]
        init(shards: [[(term: String, list: PostingList)]], entries: [Entry]) {
            self.shards = shards
            self.entries = entries
        }
    }

    /// Builds the index of `count` pages; `page(i)` gives page `i`'s text and result, and is called
    /// once per page on any core (so it must not share mutable state).
    ///
    /// The files' texts are not made here but when each is asked for (`text(of:)`): a build writes
    /// each as soon as it is made, so the index's ~59 MB of text on a 100 000-page site is never held
    /// at once; the postings are kept as 32-bit numbers (they were 64-bit: 120 MB there).
    static func build(count: Int, page: @Sendable (Int) -> (SearchDocument, Entry)) -> SearchIndex {
        // Pages are cut into units in batches on all cores, and each batch is folded into the
        // postings in page order (so each list stays sorted) before the next is cut: holding every
        // page's units at once took ~3 KB per page (300 MB at 100 000 pages).
        var postings: [String: PostingList] = [:]
        var entries: [Entry] = []
        entries.reserveCapacity(count)
        for start in stride(from: 0, to: count, by: batchSize) {
            let end = min(start + batchSize, count)
            let batch = Collected(count: end - start)
            DispatchQueue.concurrentPerform(iterations: end - start) { k in
                let (doc, entry) = page(start + k)
                batch.set(k, (SearchUnits.units(of: doc), entry))
            }
            for (k, item) in batch.items.enumerated() {
                guard let item else { entries.append(Entry(url: "", title: "", section: "", summary: "")); continue }
                for unit in item.units {
                    postings[unit.term, default: PostingList()].append(page: UInt32(start + k), value: UInt32(unit.score * 32 + unit.form))
                }
                entries.append(item.entry)
            }
        }
        var index = SearchIndex()
        var shards: [[(term: String, list: PostingList)]] = []
        // One version for the whole index, in every file's name: the page then names the shards by
        // key alone. A hash per file made the page grow by ~6 incompressible bytes per shard, and a
        // 100 000-page site's search page went over the page budget. It is a hash of what the files
        // are made from (the same content gives the same files), so no file has to be made first.
        // Any change renames every file, which costs a returning resident one re-download of the
        // few shards they query.
        var hash = FNV1a()
        for (key, terms) in ShardPlan.assign(postings.keys, postings: { postings[$0]?.count ?? 0 }) {
            index.keys.append(key)
            hash.add("t-\(key)\0")
            var shard: [(term: String, list: PostingList)] = []
            shard.reserveCapacity(terms.count)
            for term in terms {
                let list = postings.removeValue(forKey: term)!
                hash.add(term + "\0")
                // The numbers as 32-bit pairs (page, value), as they were once held: the same
                // content keeps the same file names.
                var pairs: [UInt32] = []
                pairs.reserveCapacity(list.count * 2)
                list.forEach { page, _, value in pairs.append(page); pairs.append(value) }
                pairs.withUnsafeBytes { hash.add($0) }
                shard.append((term, list))
            }
            shards.append(shard)
        }
        for e in entries { hash.add("\(e.url)\0\(e.title)\0\(e.section)\0\(e.summary)\0") }
        index.version = String(hash.hex.prefix(8))
        index.chunkCount = (entries.count + chunkSize - 1) / chunkSize
        index.store = Store(shards: shards, entries: entries)
        return index
    }

    /// Every file of the index, named, in order: shards, result chunks, and (on a large site) the
    /// keys file. Their texts are made by `text(of:)`.
    var parts: [(name: String, part: Part)] {
        keys.enumerated().map { ("t-\($1).\(version).json", Part.shard($0)) }
            + (0..<chunkCount).map { ("d-\($0).\(version).json", Part.chunk($0)) }
            + (keysFile.map { [($0.name, Part.keys)] } ?? [])
    }

    /// A file's text, made now.
    func text(of part: Part) -> String {
        switch part {
        case .shard(let i):
            var text = "{"
            for (n, (term, list)) in store.shards[i].enumerated() {
                if n > 0 { text += "," }
                text += JSON.string(term) + ":["
                // Page numbers as gaps from the previous one: small numbers, small files.
                var first = true
                list.forEach { _, gap, value in
                    if !first { text += "," }
                    first = false
                    text += "\(gap),\(value)"
                }
                text += "]"
            }
            return text + "}"
        case .chunk(let n):
            let entries = store.entries
            let slice = entries[n * Self.chunkSize..<min((n + 1) * Self.chunkSize, entries.count)]
            return "[" + slice.map { e in
                "[" + [e.url, e.title, e.section, e.summary].map(JSON.string).joined(separator: ",") + "]"
            }.joined(separator: ",") + "]"
        case .keys:
            return keysFile?.text ?? ""
        }
    }

    /// The shard files by key, in key order (each made now).
    var shards: [(key: String, file: File)] {
        keys.enumerated().map { ($1, File(name: "t-\($1).\(version).json", text: text(of: .shard($0)))) }
    }

    /// The result chunk files, in order (each made now).
    var chunks: [File] { (0..<chunkCount).map { File(name: "d-\($0).\(version).json", text: text(of: .chunk($0))) } }

    /// The shard keys, space-separated, in key order: all the script needs to name a term's shard.
    var shardKeys: String { keys.joined(separator: " ") }

    /// The page carries the shard keys itself up to this many bytes (a 10 000-page site's ~300
    /// keys take ~1.5 KB, ~1 KB gzip); beyond, they are a file of their own (`keysFile`), fetched
    /// when the resident first uses the box, so the search page weighs the same at any size (a
    /// 100 000-page site's 4 800 keys made the page 16.5 KB gzip, over the 14 KB budget).
    static let inlineKeysLimit = 4_096
    /// `inlineKeysLimit`, lowered by tests.
    var keysLimit = Self.inlineKeysLimit

    /// The shard keys as a file (`k.<version>.json`, a JSON string), when too many for the page.
    var keysFile: File? {
        let keys = shardKeys
        guard keys.utf8.count > keysLimit else { return nil }
        return File(name: "k.\(version).json", text: JSON.string(keys))
    }

    /// Every file of the index, each made now.
    var files: [File] { parts.map { File(name: $0.name, text: text(of: $0.part)) } }

    /// What the search page gives the script: where the files are, the shard keys (`t`, or `k`: the
    /// keys file's name), and the synonyms (folded).
    /// Files are named by key, or chunk number, and the index's one version
    /// (`t-<key>.<version>.json`, `d-<n>.<version>.json`): the script rebuilds the names, so the page
    /// carries the shard keys (which compress well) and one hash, and stays small with many shards.
    func manifest(base: String, synonyms: [[String]]) -> String {
        let keyList = keysFile.map { "\"k\":" + JSON.string($0.name) } ?? "\"t\":" + JSON.string(shardKeys)
        let synonymList = synonyms.map { "[" + $0.map(JSON.string).joined(separator: ",") + "]" }.joined(separator: ",")
        return "{\"b\":\(JSON.string(base)),\"v\":\(JSON.string(version)),\"n\":\(Self.chunkSize),\(keyList),\"d\":\(chunkCount),\"y\":[\(synonymList)]}"
    }


    /// The hash part of a file name `x-key.hash.json`.
    static func hash(of name: String) -> String {
        String(name.dropLast(".json".count).split(separator: ".").last ?? "")
    }

    private final class Collected: @unchecked Sendable {
        private let lock = NSLock()
        private var storage: [(units: [SearchUnit], entry: Entry)?]
        init(count: Int) { storage = Array(repeating: nil, count: count) }
        func set(_ i: Int, _ value: (units: [SearchUnit], entry: Entry)) { lock.withLock { storage[i] = value } }
        var items: [(units: [SearchUnit], entry: Entry)?] { lock.withLock { storage } }
    }
}

/// Minimal JSON writing, so the index's bytes depend on nothing but its content.
enum JSON {
    static func string(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "<": out += "\\u003c"
            case _ where scalar.value < 0x20:
                out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}

/// One term's postings: each page it is on (in increasing order) and its value there (score × 32 +
/// form), kept as the gap from the previous page and the value, each a LEB128 varint. Most take a
/// byte or two: ~3 bytes a posting instead of 8 as two 32-bit numbers (the postings were the
/// largest block at a 100 000-page build's peak, 58 of 267 MiB).
struct PostingList: Sendable {
    private(set) var bytes: [UInt8] = []
    /// The last page appended (what the next gap is from).
    private var last: UInt32 = 0
    /// How many postings.
    private(set) var count = 0

    /// Appends a posting; `page` must not be lower than the last one.
    mutating func append(page: UInt32, value: UInt32) {
        precondition(page >= last, "postings are appended in page order")
        Self.put(page - last, into: &bytes)
        Self.put(value, into: &bytes)
        last = page
        count += 1
    }

    /// Calls `body` with each posting's page, its gap from the previous one, and its value, in order.
    func forEach(_ body: (_ page: UInt32, _ gap: UInt32, _ value: UInt32) -> Void) {
        var i = 0, page: UInt32 = 0
        while i < bytes.count {
            let gap = Self.take(bytes, &i)
            let value = Self.take(bytes, &i)
            page += gap
            body(page, gap, value)
        }
    }

    private static func put(_ number: UInt32, into bytes: inout [UInt8]) {
        var n = number
        while n >= 0x80 {
            bytes.append(UInt8(n & 0x7f) | 0x80)
            n >>= 7
        }
        bytes.append(UInt8(n))
    }

    private static func take(_ bytes: [UInt8], _ i: inout Int) -> UInt32 {
        var n: UInt32 = 0, shift: UInt32 = 0
        while true {
            let b = bytes[i]
            i += 1
            n |= UInt32(b & 0x7f) << shift
            if b < 0x80 { return n }
            shift += 7
        }
    }
}
