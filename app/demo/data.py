"""Word lists for demo customers: business names, people, cities, streets and phone formats per country.

Invented names put together from common Spanish words; any match with a real business is chance.
"""

from __future__ import annotations

# Business activities (the first word(s) of most SME names in the region)
ACTIVITIES = (
    "Ferretería", "Comercial", "Distribuidora", "Inversiones", "Corporación", "Importaciones", "Servicios Generales",
    "Constructora", "Transportes", "Agroindustrias", "Textil", "Inmobiliaria", "Grupo", "Laboratorios", "Botica",
    "Panificadora", "Minimarket", "Librería", "Representaciones", "Soluciones Tecnológicas", "Consultora",
    "Agropecuaria", "Industrias", "Maderera", "Vidriería", "Química", "Plásticos", "Logística", "Multiservicios",
    "Negociaciones", "Editora", "Clínica", "Estación de Servicios", "Ópticas", "Confecciones", "Metalmecánica",
    "Suministros", "Tecnología", "Importadora y Exportadora", "Acabados", "Electro", "Autopartes", "Repuestos",
    "Frigorífico", "Lácteos", "Pesquera", "Calzados", "Muebles", "Imprenta", "Seguridad Integral",
)

# Distinctive parts: places, saints, nature, values
DISTINCTIVE = (
    "Los Andes", "del Norte", "del Sur", "del Pacífico", "San Martín", "Santa Rosa", "El Sol", "La Esperanza",
    "Andina", "Amazónica", "Central", "Continental", "Inca", "San José", "Santa Fe", "Los Olivos", "Miraflores",
    "Valle Grande", "Cordillera", "Mar Azul", "Horizonte", "El Progreso", "La Unión", "Nueva Era", "Tres Estrellas",
    "El Trébol", "La Victoria", "San Judas Tadeo", "Virgen del Carmen", "Santa Lucía", "Los Pinos", "El Roble",
    "Las Palmeras", "Altiplano", "Costa Verde", "Sierra Alta", "Río Grande", "Puerto Nuevo", "Los Álamos",
    "San Antonio", "Santa María", "El Dorado", "Monte Sinaí", "La Providencia", "Buena Vista", "Cruz del Sur",
    "Sol Naciente", "Luz del Valle", "Piedra Azul", "Punta Arenas", "Lago Azul", "Tierra Fértil", "Cóndor",
    "Quetzal", "Jaguar", "Vicuña", "Colibrí", "Cielo Abierto", "Brisa Marina", "Los Laureles", "Nogales",
    "Sagrado Corazón", "Divino Niño", "Señor de los Milagros", "San Francisco", "Santo Domingo", "Bellavista",
)

FIRST_NAMES = (
    "José", "Luis", "Carlos", "Juan", "Jorge", "Miguel", "Pedro", "Víctor", "Alberto", "Ricardo", "Fernando",
    "Manuel", "Raúl", "Javier", "Andrés", "Diego", "Sergio", "Roberto", "Eduardo", "César", "María", "Rosa",
    "Carmen", "Ana", "Lucía", "Patricia", "Elena", "Sofía", "Gabriela", "Claudia", "Mónica", "Verónica", "Silvia",
    "Daniela", "Valeria", "Paola", "Lorena", "Teresa", "Julia", "Isabel", "Alejandra", "Fiorella", "Milagros",
    "Guadalupe", "Ximena", "Camila", "Natalia", "Martín", "Gustavo", "Héctor", "Óscar", "Iván", "Rodrigo",
)

SURNAMES = (
    "García", "Rodríguez", "Martínez", "López", "González", "Pérez", "Sánchez", "Ramírez", "Torres", "Flores",
    "Rivera", "Gómez", "Díaz", "Reyes", "Morales", "Cruz", "Ortiz", "Gutiérrez", "Chávez", "Ramos", "Vargas",
    "Castillo", "Jiménez", "Romero", "Herrera", "Medina", "Aguilar", "Mendoza", "Castro", "Vásquez", "Quispe",
    "Mamani", "Huamán", "Condori", "Rojas", "Espinoza", "Salazar", "Paredes", "Silva", "Muñoz", "Soto",
    "Contreras", "Fuentes", "Valenzuela", "Araya", "Sepúlveda", "Hernández", "Jaramillo", "Ospina", "Restrepo",
    "Cárdenas", "Zapata", "Villanueva", "Campos", "Navarro", "Delgado", "Vega", "Ponce", "Cabrera", "Carrillo",
    "Guerrero", "Peña", "Benítez", "Ccori", "Tapia", "Palacios", "Orellana", "Córdova", "Saavedra", "Loayza",
)

ROLES = ("Gerente General", "Contador", "Contadora", "Tesorería", "Jefe de Compras", "Asistente de Pagos",
         "Administración", "Gerente de Finanzas", "Cuentas por Pagar")
EMAIL_BOXES = ("cobranzas", "facturacion", "contabilidad", "pagos", "administracion", "tesoreria", "finanzas",
               "compras", "ventas", "contacto")

# Legal forms and how often they appear
LEGAL_FORMS = {
    "PE": (("S.A.C.", 55), ("E.I.R.L.", 20), ("S.R.L.", 12), ("S.A.", 12), ("S.A.A.", 1)),
    "MX": (("S.A. de C.V.", 60), ("S. de R.L. de C.V.", 25), ("S.A.P.I. de C.V.", 10), ("S.C.", 5)),
    "CO": (("S.A.S.", 70), ("Ltda.", 15), ("S.A.", 10), ("& Cía. S. en C.", 5)),
    "CL": (("SpA", 45), ("Ltda.", 30), ("S.A.", 15), ("E.I.R.L.", 10)),
    "US": (("LLC", 60), ("Inc.", 30), ("Corp.", 10)),
}

US_NAMES = ("Pacific Trading", "Andes Imports", "Southern Cross Supply", "Blue Harbor Foods", "Summit Logistics",
            "Golden Gate Distributors", "Latin Bridge Partners", "Sunrise Medical Supply", "Evergreen Hardware",
            "Northwind Traders", "Redwood Industrial", "Coastal Packaging", "Silver Line Freight", "Keystone Tools",
            "Harbor Point Electronics", "Prairie Farm Equipment", "Lone Star Textiles", "Great Lakes Chemicals")

# city, weight, landline area code, local landline digits, street/district samples
CITIES = {
    "PE": (("Lima", 55, "01", 7), ("Arequipa", 8, "054", 6), ("Trujillo", 7, "044", 6), ("Chiclayo", 6, "074", 6),
           ("Piura", 5, "073", 6), ("Cusco", 5, "084", 6), ("Huancayo", 4, "064", 6), ("Callao", 4, "01", 7),
           ("Iquitos", 2, "065", 6), ("Tacna", 2, "052", 6), ("Ica", 2, "056", 6)),
    "MX": (("Ciudad de México", 35, "55", 8), ("Guadalajara", 15, "33", 8), ("Monterrey", 15, "81", 8),
           ("Puebla", 8, "222", 7), ("Querétaro", 7, "442", 7), ("León", 6, "477", 7), ("Mérida", 6, "999", 7),
           ("Tijuana", 8, "664", 7)),
    "CO": (("Bogotá", 40, "601", 7), ("Medellín", 20, "604", 7), ("Cali", 14, "602", 7),
           ("Barranquilla", 10, "605", 7), ("Cartagena", 6, "605", 7), ("Bucaramanga", 6, "607", 7),
           ("Pereira", 4, "606", 7)),
    "CL": (("Santiago", 55, "2", 8), ("Valparaíso", 8, "32", 7), ("Viña del Mar", 7, "32", 7),
           ("Concepción", 10, "41", 7), ("Antofagasta", 7, "55", 7), ("Temuco", 7, "45", 7),
           ("La Serena", 6, "51", 7)),
    "US": (("Miami", 50, "305", 7), ("Houston", 25, "713", 7), ("Los Angeles", 25, "213", 7)),
}

LIMA_DISTRICTS = ("Miraflores", "San Isidro", "Santiago de Surco", "La Victoria", "Ate", "Los Olivos", "Breña",
                  "San Juan de Lurigancho", "Cercado de Lima", "Chorrillos", "San Borja", "Independencia",
                  "Lurín", "Villa El Salvador", "Jesús María", "Lince", "Comas", "San Miguel")
STREETS = {
    "PE": ("Av. Javier Prado Este", "Av. Arequipa", "Jr. de la Unión", "Av. Argentina", "Av. Túpac Amaru",
           "Av. Los Incas", "Calle Los Eucaliptos", "Av. Grau", "Jr. Huallaga", "Av. Colonial", "Av. Benavides",
           "Av. Ejército", "Calle Mercaderes", "Av. La Marina", "Av. Angamos Oeste", "Prolongación Lambayeque"),
    "MX": ("Av. Insurgentes Sur", "Calz. de Tlalpan", "Av. Revolución", "Blvd. Manuel Ávila Camacho",
           "Av. Vallarta", "Av. Constitución", "Calle 5 de Mayo", "Av. Juárez", "Av. Hidalgo", "Calle Morelos",
           "Av. Universidad", "Paseo de la Reforma"),
    "CO": ("Carrera 7", "Calle 72", "Avenida El Poblado", "Carrera 15", "Calle 10", "Avenida 68",
           "Carrera 43A", "Calle 80", "Avenida Boyacá", "Carrera 50", "Calle 26", "Avenida Las Américas"),
    "CL": ("Av. Providencia", "Av. Libertador Bernardo O'Higgins", "Av. Apoquindo", "Calle Huérfanos",
           "Av. Vicuña Mackenna", "Av. Grecia", "Calle San Diego", "Av. Los Leones", "Av. Pajaritos",
           "Calle Prat", "Av. Brasil", "Av. Colón"),
    "US": ("NW 7th Street", "Brickell Avenue", "Main Street", "Westheimer Road", "Wilshire Boulevard",
           "Biscayne Boulevard", "Ocean Drive", "Commerce Street"),
}
EMAIL_TLD = {"PE": "com.pe", "MX": "com.mx", "CO": "com.co", "CL": "cl", "US": "com"}

NOTES = ("Enviar facturas a contabilidad con copia a tesorería.", "Paga solo los viernes por transferencia.",
         "Pide estado de cuenta a fin de mes.", "Cliente desde hace más de 10 años.",
         "Entregas en almacén; horario de recepción de 8 a 13 h.", "Requiere orden de compra en cada factura.",
         "Contactar por WhatsApp antes de llamar.", "Retiene IGV (agente de retención).")
HOLD_NOTES = ("Crédito suspendido por deuda vencida.", "Bloqueado: cheques devueltos.",
              "En espera hasta regularizar facturas vencidas.")

CREDIT_NOTE_REASONS = ("Devolución de mercadería", "Descuento por pronto pago", "Error en precio unitario",
                       "Anulación de la operación", "Bonificación comercial", "Mercadería en mal estado",
                       "Descuento por volumen")
VOID_REASONS = ("Error en los datos del cliente", "Factura emitida por duplicado", "Operación no realizada")
WRITE_OFF_REASONS = ("Incobrable: empresa sin actividad", "Incobrable: deuda prescrita tras gestiones",
                     "Castigo aprobado por gerencia")
