//! The towns of the demo region by cadastral (Belfiore) code: what a fiscal code's birthplace
//! says about where a citizen may live, to offer the slots of their area first. Only towns of
//! the region are listed; anyone born elsewhere chooses a town.

/// (Belfiore code, town) for the region's towns that a citizen's area can be told from.
const TOWNS: &[(&str, &str)] = &[
    ("A390", "Arezzo"),
    ("A564", "Bagno a Ripoli"),
    ("B455", "Camaiore"),
    ("B962", "Scandicci"),
    ("D077", "Cortona"),
    ("D403", "Empoli"),
    ("D612", "Firenze"),
    ("D656", "Follonica"),
    ("E202", "Grosseto"),
    ("E625", "Livorno"),
    ("E715", "Lucca"),
    ("F023", "Massa"),
    ("F592", "Montepulciano"),
    ("G702", "Pisa"),
    ("G713", "Pistoia"),
    ("G752", "Poggibonsi"),
    ("G843", "Pontedera"),
    ("G912", "Portoferraio"),
    ("G999", "Prato"),
    ("I155", "Sansepolcro"),
    ("I684", "Sesto Fiorentino"),
    ("I726", "Siena"),
    ("M126", "Volterra"),
];

/// The region's town with this Belfiore code, if it is one.
pub fn town_of(belfiore: &str) -> Option<&'static str> {
    TOWNS
        .iter()
        .find(|(code, _)| *code == belfiore)
        .map(|(_, town)| *town)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn towns_of_the_region_are_known_and_others_are_not() {
        assert_eq!(town_of("D612"), Some("Firenze"));
        assert_eq!(town_of("G999"), Some("Prato"));
        assert_eq!(town_of("H501"), None); // Roma
    }
}
