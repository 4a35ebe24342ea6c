//! Fast loading of many rows inside one transaction, for seeding the demo region: multi-row
//! `insert … values` on SQLite and `copy … from stdin` on PostgreSQL. Millions of slots load in
//! seconds this way instead of minutes with one statement per row.

use chrono::NaiveDate;
use sqlx::{Postgres, QueryBuilder, Sqlite, Transaction};

use super::Db;

/// One column value of a row to load.
#[derive(Clone, Debug)]
pub enum Value {
    Int(i64),
    Real(f64),
    Text(String),
    Str(&'static str),
    Date(NaiveDate),
    Bool(bool),
    Null,
}

impl From<i64> for Value {
    fn from(v: i64) -> Self {
        Value::Int(v)
    }
}
impl From<&'static str> for Value {
    fn from(v: &'static str) -> Self {
        Value::Str(v)
    }
}
impl From<String> for Value {
    fn from(v: String) -> Self {
        Value::Text(v)
    }
}
impl From<NaiveDate> for Value {
    fn from(v: NaiveDate) -> Self {
        Value::Date(v)
    }
}
impl From<bool> for Value {
    fn from(v: bool) -> Self {
        Value::Bool(v)
    }
}
impl From<f64> for Value {
    fn from(v: f64) -> Self {
        Value::Real(v)
    }
}
impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(v: Option<T>) -> Self {
        v.map_or(Value::Null, Into::into)
    }
}

/// A table and the columns that each loaded row fills, in order.
#[derive(Clone, Copy, Debug)]
pub struct Table {
    pub name: &'static str,
    pub columns: &'static [&'static str],
}

/// An open loading transaction. Nothing is visible to others until `commit`; dropping it rolls
/// everything back, so a failed seed leaves an empty database rather than half a region.
pub enum Loader {
    Sqlite(Transaction<'static, Sqlite>),
    Postgres(Transaction<'static, Postgres>),
}

impl Loader {
    pub async fn begin(db: &Db) -> Result<Loader, sqlx::Error> {
        Ok(match db {
            Db::Sqlite(sqlite) => Loader::Sqlite(sqlite.write.begin().await?),
            Db::Postgres(pg) => Loader::Postgres(pg.citizens.begin().await?),
        })
    }

    pub async fn commit(self) -> Result<(), sqlx::Error> {
        match self {
            Loader::Sqlite(tx) => tx.commit().await,
            Loader::Postgres(tx) => tx.commit().await,
        }
    }

    /// Runs one plain statement inside the loading transaction.
    pub async fn execute(&mut self, sql: &str) -> Result<(), sqlx::Error> {
        match self {
            Loader::Sqlite(tx) => sqlx::query(sql).execute(&mut **tx).await.map(drop),
            Loader::Postgres(tx) => sqlx::query(sql).execute(&mut **tx).await.map(drop),
        }
    }

    /// Inserts `rows` (each with exactly one value per column of `table`).
    pub async fn insert(&mut self, table: &Table, rows: &[Vec<Value>]) -> Result<(), sqlx::Error> {
        if rows.is_empty() {
            return Ok(());
        }
        debug_assert!(rows.iter().all(|r| r.len() == table.columns.len()));
        match self {
            Loader::Sqlite(tx) => {
                // SQLite binds at most 32 766 parameters per statement.
                let per_statement = (30_000 / table.columns.len()).clamp(1, 1_000);
                for chunk in rows.chunks(per_statement) {
                    let mut builder: QueryBuilder<Sqlite> = QueryBuilder::new(format!(
                        "insert into {} ({}) ",
                        table.name,
                        table.columns.join(", ")
                    ));
                    builder.push_values(chunk, |mut b, row| {
                        for value in row {
                            match value {
                                Value::Int(v) => b.push_bind(*v),
                                Value::Real(v) => b.push_bind(*v),
                                Value::Text(v) => b.push_bind(v.clone()),
                                Value::Str(v) => b.push_bind(*v),
                                Value::Date(v) => b.push_bind(*v),
                                Value::Bool(v) => b.push_bind(*v),
                                Value::Null => b.push_bind(None::<i64>),
                            };
                        }
                    });
                    builder.build().execute(&mut **tx).await?;
                }
            }
            Loader::Postgres(tx) => {
                let statement = format!(
                    "copy {} ({}) from stdin",
                    table.name,
                    table.columns.join(", ")
                );
                let mut copy = tx.copy_in_raw(&statement).await?;
                let mut buf = String::with_capacity(1 << 20);
                for row in rows {
                    write_copy_row(&mut buf, row);
                    if buf.len() >= 1 << 20 {
                        copy.send(buf.as_bytes()).await?;
                        buf.clear();
                    }
                }
                if !buf.is_empty() {
                    copy.send(buf.as_bytes()).await?;
                }
                copy.finish().await?;
            }
        }
        Ok(())
    }
}

/// Rows waiting to be loaded into one table.
pub struct Buffer {
    table: Table,
    rows: Vec<Vec<Value>>,
    pub loaded: u64,
}

impl Buffer {
    pub fn new(table: Table) -> Buffer {
        Buffer {
            table,
            rows: Vec::new(),
            loaded: 0,
        }
    }

    /// Queues a row. The caller flushes, parents before children: foreign keys are checked at
    /// every insert.
    pub fn push(&mut self, row: Vec<Value>) {
        self.rows.push(row);
    }

    pub fn pending(&self) -> usize {
        self.rows.len()
    }

    pub async fn flush(&mut self, loader: &mut Loader) -> Result<(), sqlx::Error> {
        loader.insert(&self.table, &self.rows).await?;
        self.loaded += self.rows.len() as u64;
        self.rows.clear();
        Ok(())
    }
}

/// One row in PostgreSQL's COPY text format: tab-separated, `\N` for null, backslash escapes.
fn write_copy_row(buf: &mut String, row: &[Value]) {
    use std::fmt::Write;
    for (i, value) in row.iter().enumerate() {
        if i > 0 {
            buf.push('\t');
        }
        // Writing to a String cannot fail.
        let _ = match value {
            Value::Int(v) => write!(buf, "{v}"),
            Value::Real(v) => write!(buf, "{v}"),
            Value::Text(v) => {
                escape_copy_text(buf, v);
                Ok(())
            }
            Value::Str(v) => {
                escape_copy_text(buf, v);
                Ok(())
            }
            Value::Date(v) => write!(buf, "{}", v.format("%Y-%m-%d")),
            Value::Bool(v) => write!(buf, "{}", if *v { 't' } else { 'f' }),
            Value::Null => write!(buf, "\\N"),
        };
    }
    buf.push('\n');
}

fn escape_copy_text(buf: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '\\' => buf.push_str("\\\\"),
            '\t' => buf.push_str("\\t"),
            '\n' => buf.push_str("\\n"),
            '\r' => buf.push_str("\\r"),
            c => buf.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copy_rows_escape_separators_and_mark_nulls() {
        let mut buf = String::new();
        write_copy_row(
            &mut buf,
            &[
                Value::Int(7),
                Value::Str("a\tb\\c\nd"),
                Value::Null,
                Value::Bool(true),
                Value::Date(NaiveDate::from_ymd_opt(2026, 1, 2).expect("valid date")),
            ],
        );
        assert_eq!(buf, "7\ta\\tb\\\\c\\nd\t\\N\tt\t2026-01-02\n");
    }
}
