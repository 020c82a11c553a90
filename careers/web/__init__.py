"""The pages: one view per page, reading the request, calling the layers below and rendering.
URLs are in careers/urls.py, templates in templates/."""
