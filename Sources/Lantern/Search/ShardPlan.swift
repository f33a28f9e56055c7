import Foundation

/// Which shard file each term goes to. A term's group is its first two folded letters
/// (`SearchUnits.shardKey`); a small group is one shard, keyed by those letters. A group too large
/// for a slow link (on a 10 000-page site "kh" was 250 KB, 16 KB gzip) is split by the term's first
/// syllable: each hot syllable gets a shard of its own (`kh-khau`), holding its pairs and every
/// smaller syllable it begins (`khau…`), and the group's other syllables share one rest shard (`kh-`).
/// A query then fetches the shard of each syllable it typed, not the whole group.
///
/// The script finds a term's shard the same way from the manifest's keys alone (`SearchScript`).
enum ShardPlan {
    /// A group whose postings take more than this many bytes (as written) is split.
    static let splitAbove = 12_000
    /// Hot syllables get their own shard until the rest shard is at most this large.
    static let restLimit = 6_000
    /// A syllable this large gets its own shard in any case, so that a hot short syllable ("kho")
    /// does not carry a large one it begins ("khoan") to every query for either.
    static let ownAbove = 4_000

    /// The shard keys, in order, each with its terms in order.
    /// - Parameter postings: how many postings a term has.
    static func assign(_ terms: some Sequence<String>, postings: (String) -> Int) -> [(key: String, terms: [String])] {
        var groups: [String: [String]] = [:]
        for term in terms { groups[SearchUnits.shardKey(term), default: []].append(term) }
        var out: [String: [String]] = [:]
        for (group, terms) in groups {
            let size = terms.reduce(0) { $0 + bytes($1, postings) }
            guard size > splitAbove else { out[group] = terms; continue }
            var bySyllable: [String: [String]] = [:]
            for term in terms { bySyllable[syllableKey(term), default: []].append(term) }
            let sizes = bySyllable.mapValues { $0.reduce(0) { $0 + bytes($1, postings) } }
            let hot = hotSyllables(sizes)
            for (syllable, terms) in bySyllable {
                let key = group + "-" + (home(of: syllable, hot: hot) ?? "")
                out[key, default: []] += terms
            }
        }
        return out.keys.sorted().map { ($0, out[$0]!.sorted()) }
    }

    /// A split group's hot syllables: each larger than `ownAbove`, then the largest of the rest
    /// (those beginning with no hot syllable; the smallest key among equals) until the rest take
    /// at most `restLimit` bytes.
    ///
    /// The rest is kept as it shrinks, not found again: syllables sorted by key, so those a new
    /// hot one begins form one run. (Filtering every syllable against every hot one on each step
    /// grew with the square of a group's syllables: 1.5 % of a 100 000-page build's CPU, on one thread.)
    static func hotSyllables(_ sizes: [String: Int]) -> Set<String> {
        var hot = Set(sizes.filter { $0.value > ownAbove }.keys)
        let keys = sizes.keys.sorted()
        var inRest = keys.map { home(of: $0, hot: hot) == nil }
        var rest = zip(keys, inRest).reduce(0) { $0 + ($1.1 ? sizes[$1.0]! : 0) }
        // Largest first; the smallest key among equal sizes.
        let candidates = keys.indices.sorted { (sizes[keys[$0]]!, keys[$1]) > (sizes[keys[$1]]!, keys[$0]) }
        var next = candidates.startIndex
        while rest > restLimit {
            while next < candidates.endIndex && !inRest[candidates[next]] { next += 1 }
            guard next < candidates.endIndex else { break }
            let syllable = keys[candidates[next]]
            hot.insert(syllable)
            // The run of keys beginning with `syllable` starts at the syllable itself.
            var i = candidates[next]
            while i < keys.endIndex && keys[i].hasPrefix(syllable) {
                if inRest[i] { inRest[i] = false; rest -= sizes[keys[i]]! }
                i += 1
            }
        }
        return hot
    }

    /// The longest hot syllable `syllable` begins with: the shard it lives in (nil: the rest shard).
    /// Syllable keys are ASCII (`syllableKey`), so each prefix is one byte longer.
    static func home(of syllable: String, hot: Set<String>) -> String? {
        var prefix = syllable
        while !prefix.isEmpty {
            if hot.contains(prefix) { return prefix }
            prefix.removeLast()
        }
        return hot.contains("") ? "" : nil
    }

    /// A term's first syllable with letters outside a–z and 0–9 as `_`, as the script computes it.
    static func syllableKey(_ term: String) -> String {
        let first = term.split(separator: " ", maxSplits: 1).first.map(String.init) ?? term
        return String(first.unicodeScalars.map { s -> Character in
            ("a"..."z").contains(s) || ("0"..."9").contains(s) ? Character(s) : "_"
        })
    }

    /// About the bytes a term takes in its shard: its name, and each posting's gap and value.
    private static func bytes(_ term: String, _ postings: (String) -> Int) -> Int {
        term.utf8.count + 4 + postings(term) * 6
    }
}
