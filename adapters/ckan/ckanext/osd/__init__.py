"""ckanext-osd: a CKAN site's datasets opened and shared as the open data decision
service decides under the site's regulation (Nanning, Qingyang, Wuxi, Nanjing, Guangxi)."""
