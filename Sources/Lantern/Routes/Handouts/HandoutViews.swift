import Templates

/// One printed handout (a guide or an event) as `partials/handout_sheet.mustache` sees it: the
/// QR code back to its short address, the facts, the body, where to get help and the date the
/// text was last changed, so an old printout can be compared with the site.
struct HandoutView: ViewValue {
    var body: BodyView
    var isGuide: Bool
    /// The inline SVG (`QRCode.svg`), or empty when the address could not be encoded.
    var qrSVG: String
    /// The address the QR code holds, e.g. `https://example.org/g/k3x9qa2m/`.
    var shortURL: String
    /// The same without the scheme, printed beside the code: `example.org/g/k3x9qa`.
    var shortURLText: String
    /// The site's official host, named in plain words beside the code.
    var domain: String
    var pageURL: String
    var durationText: String
    var stepsCount: Int
    var needs: [String]
    var timeText: String
    var place: String
    var updatedLabel: String
    var updatedText: String
    var updatedISO: String
    /// The locality's team when the handout is for one place; otherwise every team.
    var helpTeams: [HelpTeamView]
    var packs: [LinkView]
    /// Headings of the guide's sections left off the sheet (HTML, as rendered), read on the site.
    var omitted: [String]

    func child(named n: String) -> (any TemplateValue)? {
        switch n {
        case "is_guide": return isGuide
        case "qr_svg": return qrSVG
        case "short_url": return shortURL
        case "short_url_text": return shortURLText
        case "domain": return domain
        case "page_url": return pageURL
        case "duration_text": return durationText
        case "steps_count": return stepsCount
        case "needs": return needs
        case "has_needs": return !needs.isEmpty
        case "time_text": return timeText
        case "place": return place
        case "updated_label": return updatedLabel
        case "updated_text": return updatedText
        case "updated_iso": return updatedISO
        case "help_teams": return helpTeams
        case "single_team": return helpTeams.count == 1
        case "packs": return packs
        case "has_packs": return !packs.isEmpty
        case "omitted": return omitted.joined(separator: ", ")
        case "has_omitted": return !omitted.isEmpty
        default: return body.child(named: n)
        }
    }
}

/// A locality's help team on a handout.
struct HelpTeamView: ViewValue {
    var team: String
    var locality: String
    var place: String
    var hours: String
    var phone: String

    func child(named n: String) -> (any TemplateValue)? {
        switch n {
        case "team": return team
        case "locality": return locality
        case "place": return place
        case "hours": return hours
        case "phone": return phone
        default: return nil
        }
    }
}

/// A class pack (`pack.mustache`): the handouts an ambassador prints for one session, each
/// starting on a new sheet.
struct PackView: ViewValue {
    var heading: String
    var intro: String
    var handouts: [HandoutView]
    var backURL: String

    func child(named n: String) -> (any TemplateValue)? {
        switch n {
        case "heading": return heading
        case "intro": return intro
        case "handouts": return handouts
        case "back_url": return backURL
        default: return nil
        }
    }
}
