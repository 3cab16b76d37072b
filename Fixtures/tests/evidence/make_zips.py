#!/usr/bin/env python3
"""Rebuilds the evidence ZIPs from the CSV folders beside this script.

    python3 make_zips.py

linkedin-export-cl.zip and linkedin-export-en.zip hold the CSVs of the folder of the same
name at the ZIP root, as LinkedIn's "Get a copy of your data" does. broken-export.zip is
written from the text below: its Positions.csv has a row with an unclosed quote and it has
no Education.csv. Entries carry a fixed timestamp so that a rebuild gives the same bytes.
"""
import os
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
STAMP = (2026, 11, 28, 10, 15, 0)
ORDER = ["Profile.csv", "Positions.csv", "Education.csv", "Skills.csv", "Certifications.csv", "Languages.csv"]

# Row 3 (the Inmobiliaria Los Aromos position) opens a quote in Description and never closes it;
# the quoted Description of the next row then meets that open quote.
BROKEN_POSITIONS = (
    "Company Name,Title,Description,Location,Started On,Finished On\n"
    "Valentina Rojas - Asistencia Virtual,Asistente Virtual Independiente,"
    "\"Asistencia virtual para pymes y emprendedoras: Google Workspace, redes sociales y atención al cliente.\","
    "\"Santiago, Región Metropolitana de Santiago, Chile\",Mar 2020,\n"
    "Inmobiliaria Los Aromos SpA,Asistente Ejecutiva,"
    "\"Apoyo a la gerencia general: agenda de tres gerentes, actas de directorio y atención de clientes,"
    "Las Condes,Jan 2018,Feb 2020\n"
    "Comercial Andina Retail S.A.,Ejecutiva de Atención al Cliente,"
    "\"Atención de consultas, reclamos y devoluciones por teléfono, correo y redes sociales.\","
    "\"Santiago, Región Metropolitana de Santiago, Chile\",Jun 2016,Dec 2017\n"
)


def add(archive, name, data):
    info = zipfile.ZipInfo(name, date_time=STAMP)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    archive.writestr(info, data)


def from_folder(folder):
    target = os.path.join(HERE, folder + ".zip")
    with zipfile.ZipFile(target, "w") as archive:
        for name in ORDER:
            path = os.path.join(HERE, folder, name)
            if os.path.exists(path):
                with open(path, "rb") as f:
                    add(archive, name, f.read())
    return target


def broken():
    target = os.path.join(HERE, "broken-export.zip")
    with zipfile.ZipFile(target, "w") as archive:
        for name in ORDER:
            if name == "Education.csv":
                continue  # missing on purpose
            if name == "Positions.csv":
                add(archive, name, BROKEN_POSITIONS.encode("utf-8"))
            else:
                with open(os.path.join(HERE, "linkedin-export-cl", name), "rb") as f:
                    add(archive, name, f.read())
    return target


if __name__ == "__main__":
    for path in (from_folder("linkedin-export-cl"), from_folder("linkedin-export-en"), broken()):
        print(path)
