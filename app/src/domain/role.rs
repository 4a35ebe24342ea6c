//! Staff roles: what each member of staff may open.

use serde::{Deserialize, Serialize};

/// Ordered by authority: a supervisor can do what an operator can, an admin what both can.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Operator,
    Supervisor,
    Admin,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Operator => "operator",
            Role::Supervisor => "supervisor",
            Role::Admin => "admin",
        }
    }

    pub fn parse(input: &str) -> Option<Role> {
        match input {
            "operator" => Some(Role::Operator),
            "supervisor" => Some(Role::Supervisor),
            "admin" => Some(Role::Admin),
            _ => None,
        }
    }

    /// Whether this role includes `needed`.
    pub fn allows(self, needed: Role) -> bool {
        self >= needed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn higher_roles_include_lower_ones_and_not_the_reverse() {
        assert!(Role::Admin.allows(Role::Operator));
        assert!(Role::Supervisor.allows(Role::Supervisor));
        assert!(!Role::Operator.allows(Role::Supervisor));
        assert!(!Role::Supervisor.allows(Role::Admin));
    }

    #[test]
    fn role_names_round_trip() {
        for role in [Role::Operator, Role::Supervisor, Role::Admin] {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        assert_eq!(Role::parse("root"), None);
    }
}
