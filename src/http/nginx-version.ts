/** The nginx release the engine answers as (`Server: nginx/…`, `$nginx_version`, error pages); a module of its own so the page can name it without the engine. */
export const NGINX_VERSION = '1.22.1';
