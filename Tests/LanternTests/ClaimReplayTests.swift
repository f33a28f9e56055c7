import Foundation
@testable import Lantern
import Testing

/// The preview server plans the site again after an edit, replaying the previous plan's claims
/// while they repeat (`OutputTree(recordingClaims:)`). Whatever the new claims are, the outcome must
/// be what claiming them afresh gives: the same owners, the same refusals, the same errors.
@Suite struct ClaimReplayTests {
    typealias Claims = [(path: String, owner: Lantern.SourceLocation)]

    /// Claims `claims` into `tree`; returns each outcome and the errors, as text.
    static func claim(_ claims: Claims, into tree: OutputTree) -> (accepted: [Bool], errors: [String]) {
        let diagnostics = Diagnostics()
        let accepted = claims.map { tree.claim($0.path, owner: $0.owner, diagnostics: diagnostics) }
        tree.endReplay()
        return (accepted, diagnostics.sorted.map { "\($0.location.path):\($0.location.line) \($0.message)" })
    }

    static func state(_ tree: OutputTree, _ claims: Claims) -> [String] {
        let probes = Set(claims.map(\.path) + ["a/index.html", "b", "b/index.html", "c/index.html", "x.html"])
        return probes.sorted().map { "\($0) \(tree.owner(of: $0).map { "\($0.path):\($0.line)" } ?? "-")" }
            + ["pages \(tree.htmlPageCount)", "paths \(tree.paths)"]
    }

    static let first: Claims = [
        ("a/index.html", .file("content/a.md")),
        ("b/index.html", .file("content/b.md")),
        ("feed.xml", .file("content/site.yml")),
        ("x.html", .file("content/x.md")),
    ]

    /// The second plan, replaying `first`, against the same claims made into a fresh tree.
    static func expectReplayMatchesFresh(_ second: Claims, replayed expected: Int) {
        let previous = OutputTree(recordingClaims: nil)
        _ = claim(first, into: previous)
        let replaying = OutputTree(recordingClaims: previous)
        let replayedOutcome = claim(second, into: replaying)
        let fresh = OutputTree(recordingClaims: nil)
        let freshOutcome = claim(second, into: fresh)
        #expect(replayedOutcome.accepted == freshOutcome.accepted)
        #expect(replayedOutcome.errors == freshOutcome.errors)
        #expect(state(replaying, second) == state(fresh, second))
        #expect(replaying.replayed == expected, "claims answered from the previous plan")
    }

    @Test func theSameClaimsAreReplayedWhole() {
        Self.expectReplayMatchesFresh(Self.first, replayed: 4)
    }

    @Test func aNewPathAfterTheSameOnesIsClaimedForReal() {
        Self.expectReplayMatchesFresh(Self.first + [("c/index.html", .file("content/c.md"))], replayed: 4)
    }

    @Test func fewerClaimsKeepOnlyThoseMade() {
        // A deleted page: its path must not stay claimed from the previous plan.
        Self.expectReplayMatchesFresh([Self.first[0], Self.first[2]], replayed: 1)
        Self.expectReplayMatchesFresh(Array(Self.first.prefix(2)), replayed: 2)
    }

    @Test func aChangedURLInTheMiddleEndsTheReplay() {
        var second = Self.first
        second[1] = ("b2/index.html", .file("content/b.md"))
        Self.expectReplayMatchesFresh(second, replayed: 1)
    }

    @Test func aClashAfterTheReplayIsReportedNamingBothSources() {
        // A page's new slug takes another's URL; another path needs `x.html` as a folder.
        let second = Self.first + [("a/index.html", Lantern.SourceLocation(path: "content/z.md", line: 3)),
                                   ("x.html/index.html", .file("content/y.md"))]
        Self.expectReplayMatchesFresh(second, replayed: 4)
        let previous = OutputTree(recordingClaims: nil)
        _ = Self.claim(Self.first, into: previous)
        let outcome = Self.claim(second, into: OutputTree(recordingClaims: previous))
        #expect(outcome.accepted == [true, true, true, true, false, false])
        #expect(outcome.errors.count == 2)
        #expect(outcome.errors.contains { $0.contains("content/a.md") && $0.contains("content/z.md:3") })
    }

    @Test func aClashInTheMiddleIsReportedAsWhenClaimedAfresh() {
        // The second claim now clashes with the first: it is made for real, and refused.
        var second = Self.first
        second[1] = ("a/index.html", .file("content/b.md"))
        Self.expectReplayMatchesFresh(second, replayed: 1)
    }

    @Test func aRefusedClaimIsNeverAnsweredFromTheRecord() {
        // The previous plan refused a claim (and reported it); the next one reports it again.
        let previous = OutputTree(recordingClaims: nil)
        let clash: Claims = Self.first + [("a/index.html", .file("content/z.md"))]
        #expect(Self.claim(clash, into: previous).errors.count == 1)
        let again = Self.claim(clash, into: OutputTree(recordingClaims: previous))
        #expect(again.errors.count == 1)
        #expect(again.accepted == [true, true, true, true, false])
    }
}
