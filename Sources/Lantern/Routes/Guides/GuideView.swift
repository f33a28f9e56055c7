import Foundation
import Templates
import Markdown

/// A guide's page (`guide.mustache`): facts (time, level, audience, last update), what to bring,
/// the steps, where to get help, topics, related guides and the previous/next guide.
struct GuideView: ViewValue {
    var body: BodyView
    var durationText: String
    var levelLabel: String
    var audience: String
    var needs: [String]
    var updatedText: String
    var updatedISO: String
    var stepsCount: Int
    /// "Cần chuẩn bị 3 thứ": the short form of `needs` on the first screen.
    var needsShort: String
    /// Where the "start" link jumps: the heading just before the steps, else the body.
    var stepsAnchor: String
    var topics: [LinkView]
    var related: [CardView]
    var localitiesURL: String
    var helpTeams: [LinkView]
    var printURL: String
    /// The guide's printable handout (`HandoutRoutes`).
    var handoutURL: String
    var prev: CardView?
    var next: CardView?

    func child(named n: String) -> (any TemplateValue)? {
        switch n {
        case "duration_text": return durationText
        case "level_label": return levelLabel
        case "audience": return audience
        case "needs": return needs
        case "has_needs": return !needs.isEmpty
        case "updated_text": return updatedText
        case "updated_iso": return updatedISO
        case "steps_count": return stepsCount
        case "needs_short": return needsShort
        case "steps_anchor": return stepsAnchor
        case "topics": return topics
        case "has_topics": return !topics.isEmpty
        case "related": return related
        case "has_related": return !related.isEmpty
        case "localities_url": return localitiesURL
        case "help_teams": return helpTeams
        case "print_url": return printURL
        case "handout_url": return handoutURL
        case "prev": return field(prev)
        case "next": return field(next)
        case "has_sequence": return prev != nil || next != nil
        default: return body.child(named: n)
        }
    }
}

extension GuideView {
    /// The id of the last heading before the body's first numbered list ("Các bước thực hiện"), so
    /// the start link lands on the steps rather than on the introduction.
    /// Works on the UTF-8 bytes: Foundation's `range(of:)` bridged every guide body through NSString.
    static func stepsAnchor(_ html: String) -> String? {
        let bytes = Array(html.utf8)
        func find(_ needle: String, in range: Range<Int>) -> [Int] {
            let n = Array(needle.utf8)
            var hits: [Int] = []
            var i = range.lowerBound
            while i + n.count <= range.upperBound {
                if bytes[i] == n[0] && bytes[i..<(i + n.count)].elementsEqual(n) { hits.append(i) }
                i += 1
            }
            return hits
        }
        guard let list = find("<ol", in: 0..<bytes.count).first else { return nil }
        let starts = (find("<h2 id=\"", in: 0..<list) + find("<h3 id=\"", in: 0..<list))
        guard let start = starts.max() else { return nil }
        let idStart = start + 8
        guard let end = bytes[idStart..<list].firstIndex(of: UInt8(ascii: "\"")) else { return nil }
        return String(decoding: bytes[idStart..<end], as: UTF8.self)
    }
}

extension ContentViews {
    func guide(_ page: Page, _ g: Page.Guide, _ body: BodyView, _ rendered: RenderedMarkdown,
               prev: CardView?, next: CardView?) -> GuideView {
        var seen: Set<String> = [page.translationKey]
        var related: [Page] = []
        for topic in g.topics {
            for other in site.guides(topic: topic) where related.count < 3 && seen.insert(other.translationKey).inserted {
                related.append(other)
            }
        }
        return GuideView(
            body: body,
            durationText: "\(g.duration) \(s("minutes"))",
            levelLabel: s("level_\(g.level)"),
            audience: g.audience.map { s("audience_\($0)") }.joined(separator: ", "),
            needs: g.needs,
            updatedText: Format.date(g.updated, language),
            updatedISO: g.updated.iso,
            stepsCount: rendered.firstOrderedListItemCount,
            needsShort: HTMLBytes.replacing("{n}", with: Format.number(g.needs.count, language),
                                            in: g.needs.count == 1 ? s("needs_count_one") : s("needs_count")),
            stepsAnchor: GuideView.stepsAnchor(body.bodyHTML) ?? "cac-buoc",
            topics: g.topics.compactMap { site.reference.topic($0) }.map {
                LinkView(name: $0.name(language), url: Section.topics.url(language, slug: $0.id))
            },
            related: related.map(card),
            localitiesURL: Section.localities.url(language),
            helpTeams: site.reference.localities.filter { $0.kind != .province }.map {
                LinkView(name: $0.name(language), url: Section.localities.url(language, slug: $0.id))
            },
            printURL: site.config.absoluteURL(page.url),
            handoutURL: HandoutRoutes.url(of: page),
            prev: prev, next: next)
    }
}
