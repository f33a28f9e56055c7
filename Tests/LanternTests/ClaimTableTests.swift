import Testing
@testable import Lantern

/// The output tree's compact table of claimed paths (`ClaimTable`): it must answer exactly like
/// the dictionary it replaced, through growth, across its byte blocks, and as a shared copy.
typealias ClaimOwner = Lantern.SourceLocation

@Suite struct ClaimTableTests {
    let a = ClaimOwner(path: "content/guides/a.md", line: 3, column: 7)
    let b = ClaimOwner(path: "content/guides/b.md")

    @Test func findsEveryPathItHoldsAndNoOther() {
        var table = ClaimTable()
        var expected: [String: ClaimOwner] = [:]
        // Enough paths to grow the index many times and fill several 64 KiB blocks, with owners
        // that alternate, repeat and come back.
        for i in 0..<20_000 {
            let path = "huong-dan/huong-dan-so-\(i)-cài-đặt-vneid/" + (i % 3 == 0 ? "in/index.html" : "index.html")
            let owner = i % 7 == 0 ? a : (i % 5 == 0 ? b : ClaimOwner(path: "content/x\(i / 4).md", line: i))
            table.insert(path, owner: owner, listed: i % 2 == 0)
            expected[path] = owner
        }
        #expect(table.count == expected.count)
        for (path, owner) in expected { #expect(table[path] == owner, "\(path)") }
        #expect(table["huong-dan/huong-dan-so-20000-cài-đặt-vneid/index.html"] == nil)
        #expect(table["huong-dan/huong-dan-so-1-cài-đặt-vneid/index.htm"] == nil)
        #expect(table[""] == nil)
        var seen: [String] = []
        table.forEach { path, owner in
            #expect(expected[path] == owner)
            seen.append(path)
        }
        #expect(seen.count == expected.count && Set(seen) == Set(expected.keys))
    }

    @Test func anEmptyPathAndAPathLongerThanABlockAreHeld() {
        var table = ClaimTable()
        let long = String(repeating: "dài/", count: 40_000) + "index.html"
        table.insert("", owner: a)
        table.insert(long, owner: b)
        table.insert("x", owner: a)
        #expect(table[""] == a && table[long] == b && table["x"] == a)
        #expect(table.count == 3)
    }

    @Test func listsTheListedPathsWithASuffixSortedLikeStrings() {
        var table = ClaimTable()
        table.insert("b/index.html", owner: a)
        table.insert("a/in/index.html", owner: a, listed: false)
        table.insert("feed.xml", owner: b)
        table.insert("a/index.html", owner: b)
        table.insert("index.html", owner: b)
        #expect(Array(table.listed(endingWith: "index.html")) == ["a/index.html", "b/index.html", "index.html"])
        #expect(Array(table.listed(endingWith: ".xml")) == ["feed.xml"])
        #expect(table.listed(endingWith: "nothing").isEmpty)
        // Byte order is String's order for NFC text: prefixes, punctuation, Vietnamese letters.
        var mixed = ClaimTable()
        let paths = ["a/index.html", "a-b/index.html", "a/b/index.html", "đ/index.html", "e/index.html",
                     "ươ/index.html", "ư/index.html", "A/index.html", "a/b-c/index.html", "index.html"]
        for path in paths { mixed.insert(path, owner: a) }
        #expect(Array(mixed.listed(endingWith: "index.html")) == paths.sorted())
    }

    @Test func aPathListGivesBackWhatWasAppendedAndSlices() {
        let paths = ["", "index.html", "hướng-dẫn/vneid/index.html", "x"]
        let list = PathList(paths)
        #expect(list.count == 4 && Array(list) == paths)
        #expect(Array(list.dropFirst(1).prefix(2)) == ["index.html", "hướng-dẫn/vneid/index.html"])
        #expect(PathList().isEmpty)
    }

    @Test func findsTheSmallestPathUnderAFolder() {
        var table = ClaimTable()
        table.insert("su-kien/b/index.html", owner: b)
        table.insert("su-kien/a/index.html", owner: a)
        table.insert("su-kienx/index.html", owner: b)
        let inside = table.first(withPrefix: "su-kien/")
        #expect(inside?.path == "su-kien/a/index.html" && inside?.owner == a)
        #expect(table.first(withPrefix: "tin-tuc/") == nil)
    }

    /// The preview server hands a plan's table to the next plan: a copy changes apart.
    @Test func aCopyChangesApartFromTheOriginal() {
        var first = ClaimTable()
        for i in 0..<100 { first.insert("p\(i)/index.html", owner: a) }
        var second = first
        second.insert("new/index.html", owner: b)
        #expect(first["new/index.html"] == nil && first.count == 100)
        #expect(second["new/index.html"] == b && second["p5/index.html"] == a && second.count == 101)
    }

    /// The build's last line counts files without listing them; the count is what the list holds,
    /// with precompression (whose `.gz` and `.br` twins are claimed but not listed) and without.
    @Test func theFileCountIsThePathListsLength() {
        for compression in [nil, Compression.Settings(brotliQuality: 4)] {
            let tree = OutputTree(compression: compression)
            let diagnostics = Diagnostics()
            for path in ["index.html", "huong-dan/a/index.html", "style.css", "anh/a.png", "feed.xml"] {
                #expect(tree.claim(path, owner: a, diagnostics: diagnostics))
            }
            #expect(!tree.claim("style.css", owner: b, diagnostics: diagnostics), "a clash is not counted")
            #expect(tree.fileCount == tree.paths.count && tree.fileCount == 5, "\(String(describing: compression))")
        }
    }
}
