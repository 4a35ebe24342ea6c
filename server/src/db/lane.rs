//! The two lanes that share the database: citizens and operators. Operators read through a
//! pool of their own and their writes go first in SQLite's writer queue, so a citizen surge
//! cannot take the connections an operator needs. The lane is set per request by admission.

/// Who the current request serves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lane {
    Citizen,
    Operator,
}

tokio::task_local! {
    /// The lane of the request being served by this task (citizens unless set).
    pub static LANE: Lane;
}

pub fn current_lane() -> Lane {
    LANE.try_with(|lane| *lane).unwrap_or(Lane::Citizen)
}
