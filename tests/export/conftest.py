from store_data import db_url, news_docs, seed_doc

__all__ = ["db_url", "news_docs", "seed_doc"]
