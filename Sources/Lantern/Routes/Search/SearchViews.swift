import Templates

/// The search page (`search.mustache`): the box the script brings to life, and the A–Z index that
/// works without it.
struct SearchPageView: ViewValue {
    var heading: String
    /// The index's file names and synonyms, as JSON for the script.
    var manifest: String
    var scriptURL: String
    var groups: [AtoZ.Group]

    func child(named n: String) -> (any TemplateValue)? {
        switch n {
        case "heading": return heading
        case "manifest": return manifest
        case "script_url": return scriptURL
        case "groups": return groups
        case "letters": return groups.map { LinkView(name: $0.letter, url: "#az-\($0.anchor)") }
        default: return nil
        }
    }
}

/// An A–Z index sorted the way a Vietnamese reader expects: by the folded label (so "Điện" sits
/// under D with "Dịch"), then by the label itself.
enum AtoZ {
    struct Entry: ViewValue, Sendable {
        var label: String
        var url: String
        var kind: String
        func child(named n: String) -> (any TemplateValue)? {
            switch n {
            case "label": return label
            case "url": return url
            case "kind": return kind
            default: return nil
            }
        }
    }

    struct Group: ViewValue, Sendable {
        var letter: String
        var anchor: String
        var entries: [Entry]
        func child(named n: String) -> (any TemplateValue)? {
            switch n {
            case "letter": return letter
            case "anchor": return anchor
            case "entries": return entries
            default: return nil
            }
        }
    }

    static func groups(_ entries: [Entry]) -> [Group] {
        let keyed = entries.map { (key: Folding.fold($0.label), entry: $0) }
            .sorted { ($0.key, $0.entry.label, $0.entry.url) < ($1.key, $1.entry.label, $1.entry.url) }
        var groups: [Group] = []
        for (key, entry) in keyed {
            let first = key.unicodeScalars.first.map { ("a"..."z").contains($0) ? String($0) : "#" } ?? "#"
            if groups.last?.anchor != (first == "#" ? "so" : first) {
                groups.append(Group(letter: first.uppercased(), anchor: first == "#" ? "so" : first, entries: []))
            }
            groups[groups.count - 1].entries.append(entry)
        }
        return groups
    }
}
